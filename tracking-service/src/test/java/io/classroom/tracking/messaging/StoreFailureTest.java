package io.classroom.tracking.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.tracking.config.TrackingConfig;
import io.classroom.tracking.service.AttendanceService;
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
 * The consumer's failure handling without Kafka: a store that is briefly down delays a message until it is stored
 * (exactly once, never dead-lettered); only a message that can never be applied fails at once, for the dead-letter
 * topic. Messages that cannot be read never get here (EventContractTest).
 */
class StoreFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final FlakyAttendance attendance = new FlakyAttendance(defaults());
    private final StoreRetry retry = new StoreRetry(Duration.ofMillis(10), Duration.ofMillis(50), metrics);
    private final ClassSessionConsumer consumer = new ClassSessionConsumer(attendance, retry);

    @Test
    void aStoreFailingTwiceDelaysTheMessageUntilItIsStoredOnce() {
        UUID sessionId = UUID.randomUUID();
        attendance.failures.set(2);

        consumer.consume(started(sessionId)).await().atMost(WAIT);

        assertThat(attendance.attempts).hasValue(3);
        assertThat(attendance.applied).containsExactly(sessionId.toString());
        assertThat(deadLettered()).isZero();
    }

    @Test
    void aLongerOutageIsWaitedOut() {
        UUID sessionId = UUID.randomUUID();
        attendance.failures.set(20);

        consumer.consume(started(sessionId)).await().atMost(WAIT);

        assertThat(attendance.applied).containsExactly(sessionId.toString());
        assertThat(deadLettered()).isZero();
    }

    @Test
    void retriesRunOnTheMessagesVertxContext() {
        Vertx vertx = Vertx.vertx();
        try {
            Context context = vertx.getOrCreateContext();
            attendance.failures.set(2);
            CompletableFuture<Void> done = new CompletableFuture<>();

            context.runOnContext(ignored -> consumer.consume(started(UUID.randomUUID()))
                    .subscribe()
                    .with(done::complete, done::completeExceptionally));

            done.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            // The stores' reactive clients (Hibernate Reactive above all) only work on the message's context.
            assertThat(attendance.contexts).hasSize(3).containsOnly(context);
        } finally {
            vertx.close();
        }
    }

    @Test
    void aMessageThatCanNeverBeAppliedIsDeadLetteredNotRetriedForever() {
        attendance.dataError = true;

        assertThatThrownBy(() ->
                        consumer.consume(started(UUID.randomUUID())).await().atMost(WAIT))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("cannot be applied");

        assertThat(attendance.attempts).hasValue(1);
        assertThat(attendance.applied).isEmpty();
        assertThat(deadLettered()).isEqualTo(1);
    }

    @Test
    void atShutdownAFailedMessageStaysUnacknowledgedNeitherRetriedNorDeadLettered() {
        retry.stopping(new ShutdownEvent());
        attendance.failures.set(1_000);

        assertThatThrownBy(() ->
                        consumer.consume(started(UUID.randomUUID())).await().atMost(Duration.ofMillis(300)))
                .isInstanceOf(io.smallrye.mutiny.TimeoutException.class);

        assertThat(attendance.attempts).hasValue(1);
        assertThat(deadLettered()).isZero();
    }

    private static ClassSessionEvent started(UUID sessionId) {
        var start = Instant.parse("2024-01-01T12:00:00Z");
        return new ClassSessionEvent(
                UUID.randomUUID(),
                ClassSessionEvent.STARTED,
                "tenant-" + UUID.randomUUID(),
                sessionId,
                "class-1",
                "Physics",
                UUID.randomUUID().toString(),
                List.of(UUID.randomUUID().toString()),
                List.of(),
                start,
                null,
                null,
                start.plusSeconds(3600),
                75.0,
                300L,
                null);
    }

    private double deadLettered() {
        Counter counter = metrics.find("tracking.messages.dead.lettered").counter();
        return counter == null ? 0 : counter.count();
    }

    private static TrackingConfig defaults() {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "10S" form
                .withMapping(TrackingConfig.class)
                .build()
                .getConfigMapping(TrackingConfig.class);
    }

    /** Stands in for the stores: fails the first calls like an unreachable server, then applies the start. */
    @Vetoed // not a second AttendanceService bean in the @QuarkusTests
    private static final class FlakyAttendance extends AttendanceService {

        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<Context> contexts = new CopyOnWriteArrayList<>();
        volatile boolean dataError;

        FlakyAttendance(TrackingConfig config) {
            super(null, null, null, null, null, null, null, config);
        }

        @Override
        public Uni<Void> start(ClassSessionEvent event) {
            attempts.incrementAndGet();
            contexts.add(Vertx.currentContext()); // null off any Vert.x thread
            if (dataError) {
                return Uni.createFrom().failure(new IllegalArgumentException("The Uni set is empty"));
            }
            if (failures.getAndDecrement() > 0) {
                return Uni.createFrom().failure(new ConnectException("Connection refused: 127.0.0.1:6379"));
            }
            applied.add(event.sessionId().toString());
            return Uni.createFrom().voidItem();
        }
    }
}
