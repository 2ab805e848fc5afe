package io.classroom.classroom.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.OutboxEntry;
import io.classroom.classroom.SessionState;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox queries on the real (Mongo-compatible) server. */
@QuarkusTest
class ClassSessionRepositoryIT {

    private static final Duration HANG = Duration.ofSeconds(60);
    /** A topic the relay has no channel for: it stops at such an entry, so these test entries are never published. */
    private static final String NO_CHANNEL = "test.not-relayed";

    /** Long before anything a run writes: these sessions come first among the pending ones. */
    private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");

    @Inject
    ClassSessionRepository sessions;

    @Test
    void theRelaySeesSessionsWithPendingEventsTheOneWithTheOldestEntryFirst() {
        var later = session(SessionState.ACTIVE, entry(LONG_AGO.plusSeconds(5)));
        var older = session(SessionState.ENDED, entry(LONG_AGO.plusSeconds(1)), entry(LONG_AGO.plusSeconds(9)));
        var none = session(SessionState.ACTIVE);
        sessions.persist(List.of(later, older, none)).await().atMost(HANG);

        try {
            var pending = sessions.withPendingEvents(2).await().atMost(HANG);
            assertThat(pending).extracting(s -> s.id).containsExactly(older.id, later.id);
            assertThat(pending.get(0).outbox)
                    .extracting(e -> e.createdAt)
                    .containsExactly(LONG_AGO.plusSeconds(1), LONG_AGO.plusSeconds(9));
        } finally {
            sessions.deleteById(later.id).await().atMost(HANG);
            sessions.deleteById(older.id).await().atMost(HANG);
            sessions.deleteById(none.id).await().atMost(HANG);
        }
    }

    @Test
    void endingStoresTheAnnouncementOnlyWhenTheSessionWasActive() {
        var session = session(SessionState.ACTIVE);
        sessions.persist(session).await().atMost(HANG);
        var first = entry(Instant.now());
        var second = entry(Instant.now());

        var ended = sessions.end(session.id, EndReason.DEACTIVATED, Instant.now(), first)
                .await()
                .atMost(HANG);
        var again = sessions.end(session.id, EndReason.PLANNED_END, Instant.now(), second)
                .await()
                .atMost(HANG);

        assertThat(ended.state).isEqualTo(SessionState.ENDED);
        assertThat(ended.outbox).extracting(e -> e.eventId).containsExactly(first.eventId);
        assertThat(again).isNull();
        sessions.pullOutboxEntry(session.id, first.eventId).await().atMost(HANG);
        var stored = sessions.findById(session.id).await().atMost(HANG);
        assertThat(stored.outbox).isEmpty();
        assertThat(stored.endReason).isEqualTo(EndReason.DEACTIVATED);
    }

    @Test
    void aDeletedUsersIdIsReplacedInTheRosterAndInEventsStillWaiting() {
        var user = UUID.randomUUID().toString();
        var other = UUID.randomUUID().toString();
        // No createdAt: the relay never sees this entry (it looks for entries by creation time).
        var waiting = entry(null);
        waiting.payload = "{\"roster\":[\"" + other + "\",\"" + user + "\"]}";
        var unrelated = entry(null);
        var session = session(SessionState.ENDED, waiting, unrelated);
        session.roster = new ArrayList<>(List.of(other, user));
        sessions.persist(session).await().atMost(HANG);

        try {
            assertThat(sessions.withRosterMember(session.tenantId, user)
                            .collect()
                            .asList()
                            .await()
                            .atMost(HANG))
                    .extracting(s -> s.id)
                    .containsExactly(session.id);
            var pseudonym = UUID.randomUUID().toString();
            sessions.pseudonymise(session, user, pseudonym).await().atMost(HANG);

            var stored = sessions.findById(session.id).await().atMost(HANG);
            assertThat(stored.roster).containsExactly(other, pseudonym);
            assertThat(stored.outbox)
                    .extracting(e -> e.payload)
                    .containsExactly("{\"roster\":[\"" + other + "\",\"" + pseudonym + "\"]}", "{}");
            assertThat(sessions.withRosterMember(session.tenantId, user)
                            .collect()
                            .asList()
                            .await()
                            .atMost(HANG))
                    .isEmpty();
        } finally {
            sessions.deleteById(session.id).await().atMost(HANG);
        }
    }

    private static ClassSession session(SessionState state, OutboxEntry... outbox) {
        var s = new ClassSession();
        s.id = UUID.randomUUID().toString();
        s.tenantId = "t-" + UUID.randomUUID();
        s.classId = UUID.randomUUID().toString();
        s.state = state;
        s.startedAt = LONG_AGO;
        s.outbox = new ArrayList<>(List.of(outbox));
        return s;
    }

    private static OutboxEntry entry(Instant createdAt) {
        var e = new OutboxEntry();
        e.eventId = UUID.randomUUID().toString();
        e.topic = NO_CHANNEL;
        e.key = "class";
        e.type = "ClassSessionStarted";
        e.payload = "{}";
        e.createdAt = createdAt;
        return e;
    }
}
