package io.classroom.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.ingest.service.ClassSessionService;
import io.quarkus.runtime.ShutdownEvent;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's failure handling without Kafka or stores: a store that is down delays an event until its effect is
 * stored (never dead-lettered); only an event that can never be applied fails, for the dead-letter topic. Events
 * that cannot be read never get here (EventContractTest).
 */
class ClassSessionConsumerTest {

    /** Only bounds a hang: the back-off below is a few milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final FlakySessions sessions = new FlakySessions();
    private final StoreRetry retry = new StoreRetry(Duration.ofMillis(1), Duration.ofMillis(5), worker);
    private final ClassSessionConsumer consumer = new ClassSessionConsumer(sessions, retry);

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void aStoreOutageDelaysTheEventUntilItsEffectIsStored() {
        var sessionId = UUID.randomUUID();
        sessions.failures.set(5);

        consumer.consume(event(ClassSessionEvent.STARTED, sessionId)).await().atMost(HANG);

        assertThat(sessions.attempts).hasValue(6);
        assertThat(sessions.applied).containsExactly("started " + sessionId);
    }

    @Test
    void endedSessionsStopTheirCamerasAndOtherTypesAreIgnored() {
        var sessionId = UUID.randomUUID();

        consumer.consume(event(ClassSessionEvent.ENDED, sessionId)).await().atMost(HANG);
        consumer.consume(event("ClassSessionRenamed", sessionId)).await().atMost(HANG);

        assertThat(sessions.applied).containsExactly("ended " + sessionId);
    }

    @Test
    void anEventThatCanNeverBeAppliedFailsAtOnce() {
        sessions.broken = true;

        assertThatThrownBy(() -> consumer.consume(event(ClassSessionEvent.STARTED, UUID.randomUUID()))
                        .await()
                        .atMost(HANG))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sessions.attempts).hasValue(1);
    }

    @Test
    void atShutdownAFailingEventStaysUnacknowledged() {
        sessions.failures.set(Integer.MAX_VALUE);
        retry.stopping(new ShutdownEvent());

        var outcome = consumer.consume(event(ClassSessionEvent.STARTED, UUID.randomUUID()))
                .subscribe()
                .asCompletionStage();

        org.awaitility.Awaitility.await().atMost(HANG).until(() -> sessions.attempts.get() >= 1);
        assertThat(outcome).isNotDone();
        assertThat(sessions.applied).isEmpty();
    }

    private static ClassSessionEvent event(String type, UUID sessionId) {
        return new ClassSessionEvent(
                UUID.randomUUID(),
                type,
                "school-1",
                sessionId,
                UUID.randomUUID().toString(),
                List.of(UUID.randomUUID().toString()),
                List.of(UUID.randomUUID().toString()),
                Instant.parse("2026-09-01T08:45:00Z"));
    }

    /** Fails like a store that is down for a number of attempts, or like an effect that can never be applied. */
    private static final class FlakySessions extends ClassSessionService {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final List<String> applied = new CopyOnWriteArrayList<>();
        volatile boolean broken;

        FlakySessions() {
            super(null, null, null);
        }

        @Override
        public void started(
                String tenantId,
                UUID sessionId,
                String teacherId,
                List<String> roster,
                Instant plannedEnd,
                List<String> cameraIds) {
            attempt();
            applied.add("started " + sessionId);
        }

        @Override
        public void ended(String tenantId, UUID sessionId) {
            attempt();
            applied.add("ended " + sessionId);
        }

        private void attempt() {
            attempts.incrementAndGet();
            if (broken) {
                throw new IllegalArgumentException("cannot be applied");
            }
            if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                throw new IllegalStateException("store down", new ConnectException("Connection refused"));
            }
        }
    }
}
