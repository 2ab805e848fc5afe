package io.classroom.tracking.rest;

import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The attendance of one student in one class session. */
public record AttendanceView(
        UUID sessionId,
        String classId,
        UUID userId,
        long presentSeconds,
        long engagedSeconds,
        double engagementPct,
        AttendanceStatus status,
        AttendanceStatus computedStatus,
        boolean late,
        boolean leftEarly,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant sessionStartedAt,
        Instant sessionEndedAt,
        String overrideReason) {

    static List<AttendanceView> list(List<AttendanceRecord> records) {
        return records.stream().map(AttendanceView::of).toList();
    }

    static AttendanceView of(AttendanceRecord r) {
        return new AttendanceView(
                r.sessionId,
                r.classId,
                r.userId,
                r.presentSeconds,
                r.engagedSeconds,
                r.engagementPct,
                r.status,
                r.computedStatus,
                r.late,
                r.leftEarly,
                r.firstSeenAt,
                r.lastSeenAt,
                r.sessionStartedAt,
                r.sessionEndedAt,
                r.overrideReason);
    }
}
