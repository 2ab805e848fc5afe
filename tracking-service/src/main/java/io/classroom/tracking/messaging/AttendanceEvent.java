package io.classroom.tracking.messaging;

import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import java.time.Instant;

/** AttendanceFinalized on {@code tracking.attendance.v1}, shaped exactly as its JSON Schema. */
public record AttendanceEvent(
        String eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        String sessionId,
        String classId,
        String userId,
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
        String overrideReason) {

    public static AttendanceEvent finalized(AttendanceRecord record, Instant now) {
        return new AttendanceEvent(
                record.eventId.toString(),
                "AttendanceFinalized",
                now,
                record.tenantId,
                record.sessionId.toString(),
                record.classId,
                record.userId.toString(),
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
