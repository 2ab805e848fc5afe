package io.classroom.tracking.messaging;

import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** AttendanceFinalized on {@code tracking.attendance.v1} (key sessionId), shaped exactly as its JSON Schema. */
public record AttendanceFinalized(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        UUID sessionId,
        String classId,
        UUID userId,
        long presentSeconds,
        long engagedSeconds,
        double engagementPct,
        AttendanceStatus status,
        boolean late,
        boolean leftEarly,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant sessionStartedAt,
        Instant sessionEndedAt,
        String overrideReason)
        implements Event {

    public static final String TOPIC = "tracking.attendance.v1";

    /** The event of a stored record; a corrected record (override) gets a new event id. */
    public static AttendanceFinalized of(AttendanceRecord record) {
        return new AttendanceFinalized(
                UUID.randomUUID(),
                "AttendanceFinalized",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                record.tenantId,
                record.sessionId,
                record.classId,
                record.userId,
                record.presentSeconds,
                record.engagedSeconds,
                record.engagementPct,
                record.status,
                record.late,
                record.leftEarly,
                record.firstSeenAt,
                record.lastSeenAt,
                record.sessionStartedAt,
                record.sessionEndedAt,
                record.overrideReason);
    }
}
