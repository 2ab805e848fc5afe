package io.classroom.tracking.rest;

import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The attendance of one student in one class session: {@code late} counts from {@code sessionScheduledStart} when the
 * session had one; {@code othersInFrame} says that some of the student's own webcam frames ({@code framesWithOthers}
 * of {@code webcamFrames}) showed other faces, which were never counted for anyone.
 */
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
        Instant sessionScheduledStart,
        Instant sessionEndedAt,
        String overrideReason,
        long webcamFrames,
        long framesWithOthers,
        boolean othersInFrame) {

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
                r.sessionScheduledStart,
                r.sessionEndedAt,
                r.overrideReason,
                r.webcamFrames,
                r.framesWithOthers,
                r.framesWithOthers > 0);
    }
}
