package io.classroom.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import io.classroom.analytics.config.AnalyticsConfig;
import io.classroom.analytics.service.IngestService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Vetoed;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The consumers' failure handling without Kafka or MongoDB: a store that is briefly down delays a message until it is
 * applied (once, never dead-lettered); only a message that can never be applied fails at once, for the dead-letter
 * topic. Messages that cannot be read never get here (EventContractTest).
 */
class StoreFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final FlakyIngest ingest = new FlakyIngest(defaults());
    private final StoreRetry retry = new StoreRetry(Duration.ofMillis(10), Duration.ofMillis(50), metrics);
    private final EventConsumers consumers = new EventConsumers(ingest, retry);

    @Test
    void aStoreFailingTwiceDelaysTheMessageUntilItIsAppliedOnce() {
        String sessionId = UUID.randomUUID().toString();
        ingest.failures.set(2);

        consumers.classSessions(started(sessionId)).await().atMost(WAIT);

        assertThat(ingest.attempts).hasValue(3);
        assertThat(ingest.applied).containsExactly(sessionId);
        assertThat(deadLettered()).isZero();
    }

    @Test
    void aLongerOutageIsWaitedOut() {
        String sessionId = UUID.randomUUID().toString();
        ingest.failures.set(20);

        consumers.classSessions(started(sessionId)).await().atMost(WAIT);

        assertThat(ingest.applied).containsExactly(sessionId);
        assertThat(deadLettered()).isZero();
    }

    @Test
    void retriesRunOnTheMessagesVertxContext() {
        Vertx vertx = Vertx.vertx();
        try {
            Context context = vertx.getOrCreateContext();
            ingest.failures.set(2);
            CompletableFuture<Void> done = new CompletableFuture<>();

            context.runOnContext(ignored -> consumers
                    .classSessions(started(UUID.randomUUID().toString()))
                    .subscribe()
                    .with(done::complete, done::completeExceptionally));

            done.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            assertThat(ingest.contexts).hasSize(3).containsOnly(context);
        } finally {
            vertx.close();
        }
    }

    @Test
    void aMessageThatCanNeverBeAppliedIsDeadLetteredNotRetriedForever() {
        ingest.dataError = true;

        assertThatThrownBy(() -> consumers
                        .classSessions(started(UUID.randomUUID().toString()))
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("cannot be applied");

        assertThat(ingest.attempts).hasValue(1);
        assertThat(ingest.applied).isEmpty();
        assertThat(deadLettered()).isEqualTo(1);
    }

    @Test
    void atShutdownAFailedMessageStaysUnacknowledgedNeitherRetriedNorDeadLettered() {
        retry.stopping(new ShutdownEvent());
        ingest.failures.set(1_000);

        List<Object> outcome = new CopyOnWriteArrayList<>();

        // Off any Vert.x thread the attempt runs during subscribe(): once it returns, the failure has been handled.
        consumers
                .classSessions(started(UUID.randomUUID().toString()))
                .subscribe()
                .with(outcome::add, outcome::add);

        assertThat(outcome).as("neither acknowledged nor failed").isEmpty();
        assertThat(ingest.attempts).hasValue(1);
        assertThat(deadLettered()).isZero();
    }

    private static ClassSessionEvent started(String sessionId) {
        var start = Instant.parse("2024-01-01T12:00:00Z");
        return new ClassSessionEvent(
                UUID.randomUUID(),
                ClassSessionEvent.STARTED,
                start,
                "tenant-" + UUID.randomUUID(),
                sessionId,
                "class-1",
                "Physics",
                "room-1",
                "Room 1",
                UUID.randomUUID().toString(),
                List.of(UUID.randomUUID().toString()),
                List.of(),
                start,
                start.plusSeconds(3600),
                null,
                75,
                "Europe/Paris");
    }

    private double deadLettered() {
        Counter counter = metrics.find("analytics.messages.dead.lettered").counter();
        return counter == null ? 0 : counter.count();
    }

    private static AnalyticsConfig defaults() {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "5S" form
                .withMapping(AnalyticsConfig.class)
                .build()
                .getConfigMapping(AnalyticsConfig.class);
    }

    /** Stands in for the store: fails the first calls like an unreachable MongoDB, then applies the start. */
    @Vetoed // not a second IngestService bean in the @QuarkusTests
    private static final class FlakyIngest extends IngestService {

        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<Context> contexts = new CopyOnWriteArrayList<>();
        volatile boolean dataError;

        FlakyIngest(AnalyticsConfig config) {
            super(null, null, null, null, null, null, null, null, null, config);
        }

        @Override
        public Uni<Void> apply(ClassSessionEvent event) {
            attempts.incrementAndGet();
            contexts.add(Vertx.currentContext()); // null off any Vert.x thread
            if (dataError) {
                return Uni.createFrom().failure(new IllegalArgumentException("Invalid BSON field name"));
            }
            if (failures.getAndDecrement() > 0) {
                return Uni.createFrom()
                        .failure(new MongoSocketOpenException(
                                "Exception opening socket",
                                new ServerAddress("127.0.0.1", 27017),
                                new ConnectException("Connection refused")));
            }
            applied.add(event.sessionId());
            return Uni.createFrom().voidItem();
        }
    }
}
