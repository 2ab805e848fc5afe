package io.classroom.classroom.messaging;

import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import java.time.Instant;

/** {@code classroom.sessions.v1} event when a class session ends (schema: events/classroom.sessions.v1). */
public record ClassSessionEnded(
        String eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        String sessionId,
        String classId,
        Instant startedAt,
        Instant endedAt,
        EndReason reason) {

    public static ClassSessionEnded of(ClassSession s) {
        return new ClassSessionEnded(
                s.endEventId,
                "ClassSessionEnded",
                s.endedAt,
                s.tenantId,
                s.id,
                s.classId,
                s.startedAt,
                s.endedAt,
                s.endReason);
    }
}
