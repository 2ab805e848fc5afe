package io.classroom.classroom.messaging;

import io.classroom.classroom.ClassSession;
import io.classroom.classroom.SessionTrigger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code classroom.sessions.v1} event when a class is activated (schema: events/classroom.sessions.v1). A scheduled
 * start carries the occurrence's {@code scheduledStart} (consumers measure lateness from it); a start by hand has
 * null there. {@code timeZone} is the class schedule's zone and {@code roomName} the room's name at the start (both null
 * in sessions stored before they were carried).
 */
public record ClassSessionStarted(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        String sessionId,
        String classId,
        String className,
        String roomId,
        String roomName,
        String teacherId,
        List<String> roster,
        List<String> cameraIds,
        Instant startedAt,
        Instant plannedEnd,
        int attendanceThreshold,
        long lateGraceSeconds,
        Instant scheduledStart,
        SessionTrigger trigger,
        String timeZone)
        implements ClassSessionEvent {

    public static ClassSessionStarted of(UUID eventId, ClassSession s) {
        return new ClassSessionStarted(
                eventId,
                "ClassSessionStarted",
                s.startedAt,
                s.tenantId,
                s.id,
                s.classId,
                s.className,
                s.roomId,
                s.roomName,
                s.teacherId,
                s.roster,
                s.cameraIds,
                s.startedAt,
                s.plannedEnd,
                s.attendanceThreshold,
                s.lateGraceSeconds,
                s.scheduledStart,
                s.startedBy(),
                s.timeZone);
    }
}
