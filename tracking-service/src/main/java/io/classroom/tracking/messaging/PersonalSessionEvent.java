package io.classroom.tracking.messaging;

import io.classroom.tracking.PersonalSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Personal-session lifecycle events on {@code tracking.activity.v1} (key userId), one record per schema. Each carries
 * the session's {@code app} (the application it belongs to), so consumers can tell applications apart.
 */
public sealed interface PersonalSessionEvent extends Event {

    String TOPIC = "tracking.activity.v1";

    UUID userId();

    /** A session started. */
    record Started(
            UUID eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            UUID sessionId,
            UUID userId,
            String app,
            Instant at,
            String title)
            implements PersonalSessionEvent {

        public static Started of(PersonalSession s, Instant at) {
            return new Started(
                    UUID.randomUUID(), "PersonalSessionStarted", now(), s.tenantId, s.id, s.userId, s.app, at, s.title);
        }
    }

    /** A running session paused. */
    record Paused(
            UUID eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            UUID sessionId,
            UUID userId,
            String app,
            Instant at)
            implements PersonalSessionEvent {

        public static Paused of(PersonalSession s, Instant at) {
            return new Paused(UUID.randomUUID(), "PersonalSessionPaused", now(), s.tenantId, s.id, s.userId, s.app, at);
        }
    }

    /** A paused session runs again. */
    record Resumed(
            UUID eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            UUID sessionId,
            UUID userId,
            String app,
            Instant at)
            implements PersonalSessionEvent {

        public static Resumed of(PersonalSession s, Instant at) {
            return new Resumed(
                    UUID.randomUUID(), "PersonalSessionResumed", now(), s.tenantId, s.id, s.userId, s.app, at);
        }
    }

    /** A session ended, with its report. */
    record Ended(
            UUID eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            UUID sessionId,
            UUID userId,
            String app,
            Instant at,
            Instant startedAt,
            long activeSeconds,
            long focusSeconds,
            long distractionSeconds,
            Map<String, Long> activities,
            String activitySource)
            implements PersonalSessionEvent {

        public static Ended of(PersonalSession s, Map<String, Long> activities) {
            return new Ended(
                    UUID.randomUUID(),
                    "PersonalSessionEnded",
                    now(),
                    s.tenantId,
                    s.id,
                    s.userId,
                    s.app,
                    s.endedAt,
                    s.startedAt,
                    s.activeSeconds,
                    s.focusSeconds,
                    s.distractionSeconds,
                    activities,
                    s.activitySource);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
