package io.classroom.classroom.messaging;

import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import java.time.Instant;
import java.util.UUID;

/** {@code classroom.sessions.v1} event when a class session ends (schema: events/classroom.sessions.v1). */
public record ClassSessionEnded(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        String sessionId,
        String classId,
        Instant startedAt,
        Instant endedAt,
        EndReason reason)
        implements ClassSessionEvent {

    /** The end of {@code s} at {@code endedAt}: built before the update that ends it, which stores it. */
    public static ClassSessionEnded of(UUID eventId, ClassSession s, Instant endedAt, EndReason reason) {
        return new ClassSessionEnded(
                eventId, "ClassSessionEnded", endedAt, s.tenantId, s.id, s.classId, s.startedAt, endedAt, reason);
    }
}
