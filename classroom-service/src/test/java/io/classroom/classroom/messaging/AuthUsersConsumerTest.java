package io.classroom.classroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.classroom.service.UserDirectoryService;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Vetoed;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The consumer's failure handling without Kafka or MongoDB: a store outage delays an event until it is stored, however
 * many attempts that takes (never dead-lettered); at shutdown a failed event stays unacknowledged, to be read again.
 */
class AuthUsersConsumerTest {

    private static final Duration HANG = Duration.ofSeconds(60);

    private final FlakyDirectory users = new FlakyDirectory();
    private final AuthUsersConsumer consumer =
            new AuthUsersConsumer(users, Duration.ofMillis(1), Duration.ofMillis(10));

    @Test
    void aStoreOutageDelaysTheEventUntilItIsStoredOnce() {
        var event = deleted();
        users.failures.set(30);

        consumer.consume(event).await().atMost(HANG);

        assertThat(users.attempts).hasValue(31);
        assertThat(users.applied).containsExactly(event.eventId());
    }

    @Test
    void atShutdownAFailedEventStaysUnacknowledgedNeitherRetriedNorDeadLettered() {
        consumer.stopping(new ShutdownEvent());
        users.failures.set(1);

        var outcome = consumer.consume(deleted()).subscribe().asCompletionStage();

        assertThat(users.attempts).hasValue(1);
        assertThat(outcome).isNotDone();
        assertThat(users.applied).isEmpty();
    }

    private static UserEvent deleted() {
        return new UserEvent(
                UUID.randomUUID(),
                UserEvent.DELETED,
                Instant.parse("2026-09-03T10:00:00Z"),
                "school-1",
                UUID.randomUUID(),
                null);
    }

    /** Stands in for the directory: fails the first calls like an unreachable MongoDB, then applies the event. */
    @Vetoed // not a second UserDirectoryService bean in the @QuarkusTests
    private static final class FlakyDirectory extends UserDirectoryService {

        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final List<UUID> applied = new CopyOnWriteArrayList<>();

        FlakyDirectory() {
            super(null, null, null, null);
        }

        @Override
        public Uni<Void> apply(UserEvent event) {
            attempts.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                return Uni.createFrom().failure(new ConnectException("Connection refused: 127.0.0.1:27017"));
            }
            applied.add(event.eventId());
            return Uni.createFrom().voidItem();
        }
    }
}
