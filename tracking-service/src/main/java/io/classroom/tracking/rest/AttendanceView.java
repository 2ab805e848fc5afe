package io.classroom.tracking.rest;

import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The attendance of one student in one class session: {@code late} counts from {@code sessionScheduledStart} when the
 * session had one; {@code othersInFrame} says that some of the student's own webcam frames ({@code framesWithOthers}
 * of {@code webcamFrames}) showed other faces, which were never counted for anyone.
 */
public record AttendanceView(
        @Schema(examples = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
        UUID sessionId,

        @Schema(examples = "5b7e2f90-1c3d-4e6a-8b9c-0d1e2f3a4b5c")
        String classId,

        @Schema(examples = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
        UUID userId,

        @Schema(description = "seconds the student was seen", examples = "2580")
        long presentSeconds,

        @Schema(description = "seconds the student was seen attentive", examples = "1890")
        long engagedSeconds,

        @Schema(
                description = "engaged time as a share of the session (camera outages excluded), in percent",
                examples = "70.0")
        double engagementPct,

        @Schema(description = "the status in force: computed, or a teacher's override", examples = "PRESENT")
        AttendanceStatus status,

        @Schema(description = "the status the rules computed, before any override", examples = "ABSENT")
        AttendanceStatus computedStatus,

        @Schema(examples = "false") boolean late,
        @Schema(examples = "false") boolean leftEarly,
        @Schema(examples = "2026-09-01T08:01:12Z") Instant firstSeenAt,
        @Schema(examples = "2026-09-01T08:44:30Z") Instant lastSeenAt,
        @Schema(examples = "2026-09-01T08:00:00Z") Instant sessionStartedAt,

        @Schema(description = "null when the session was started by hand", examples = "2026-09-01T08:00:00Z")
        Instant sessionScheduledStart,

        @Schema(description = "null while the session runs", examples = "2026-09-01T08:45:00Z")
        Instant sessionEndedAt,

        @Schema(
                description = "the teacher's reason when the status was overridden",
                examples = "Presented at the whiteboard, out of camera view")
        String overrideReason,

        @Schema(description = "frames of the student's own webcam", examples = "540")
        long webcamFrames,

        @Schema(description = "of those, frames that showed other faces", examples = "3")
        long framesWithOthers,

        @Schema(examples = "true") boolean othersInFrame) {

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
