package io.classroom.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.ingest.PersonalSession;
import io.classroom.ingest.service.PersonalSessionStore;
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
 * tracking.activity.v1 without Kafka or Redis: each lifecycle event stores the state it means, a store outage delays
 * the event until stored (never dead-lettered), other event types change nothing.
 */
class PersonalSessionConsumerTest {

    /** Only bounds a hang: the back-off below is a few milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final RecordingStore store = new RecordingStore();
    private final PersonalSessionConsumer consumer =
            new PersonalSessionConsumer(store, new StoreRetry(Duration.ofMillis(1), Duration.ofMillis(5), worker));

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void eachLifecycleEventStoresItsStateWithTheOwnerAndTheEventsTime() {
        var sessionId = UUID.randomUUID();
        var owner = UUID.randomUUID();
        for (var type : List.of(
                PersonalSessionEvent.STARTED,
                PersonalSessionEvent.PAUSED,
                PersonalSessionEvent.RESUMED,
                PersonalSessionEvent.ENDED,
                "PersonalActivityReported")) {
            consumer.consume(event(type, sessionId, owner)).await().atMost(HANG);
        }

        assertThat(store.applied)
                .extracting(PersonalSession::state)
                .containsExactly(
                        PersonalSession.State.RUNNING,
                        PersonalSession.State.PAUSED,
                        PersonalSession.State.RUNNING,
                        PersonalSession.State.ENDED);
        assertThat(store.applied).allSatisfy(session -> {
            assertThat(session.sessionId()).isEqualTo(sessionId.toString());
            assertThat(session.ownerId()).isEqualTo(owner.toString());
            assertThat(session.tenantId()).isEqualTo("school-1");
        });
        assertThat(store.times).containsOnly(Instant.parse("2026-09-05T14:00:00Z"));
    }

    @Test
    void aStoreOutageDelaysTheEventUntilItIsStored() {
        store.failures.set(4);

        consumer.consume(event(PersonalSessionEvent.PAUSED, UUID.randomUUID(), UUID.randomUUID()))
                .await()
                .atMost(HANG);

        assertThat(store.attempts).hasValue(5);
        assertThat(store.applied).extracting(PersonalSession::state).containsExactly(PersonalSession.State.PAUSED);
    }

    private static PersonalSessionEvent event(String type, UUID sessionId, UUID owner) {
        return new PersonalSessionEvent(
                UUID.randomUUID(), type, Instant.parse("2026-09-05T14:00:00Z"), "school-1", sessionId, owner);
    }

    /** Records what is stored; fails like Redis being down for a number of attempts. */
    private static final class RecordingStore extends PersonalSessionStore {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final List<PersonalSession> applied = new CopyOnWriteArrayList<>();
        final List<Instant> times = new CopyOnWriteArrayList<>();

        RecordingStore() {
            super(null, null);
        }

        @Override
        public void apply(PersonalSession session, Instant at) {
            attempts.incrementAndGet();
            if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                throw new IllegalStateException("store down", new ConnectException("Connection refused"));
            }
            applied.add(session);
            times.add(at);
        }
    }
}
