package io.classroom.tracking.rest;

import io.classroom.tracking.AttendanceOverride;
import io.classroom.tracking.AttendanceStatus;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of the override audit trail. */
public record OverrideView(
        @Schema(description = "the student", examples = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
        UUID userId,

        @Schema(examples = "ABSENT") AttendanceStatus previousStatus,
        @Schema(examples = "PRESENT") AttendanceStatus newStatus,

        @Schema(examples = "Presented at the whiteboard, out of camera view")
        String reason,

        @Schema(description = "the teacher or admin who overrode", examples = "c4a9e7d2-5f1b-4c8e-9a3d-2b6f0e1d7c5a")
        UUID actorId,

        @Schema(examples = "2026-09-01T09:10:00Z") Instant at) {

    public static OverrideView of(AttendanceOverride o) {
        return new OverrideView(o.userId, o.previousStatus, o.newStatus, o.reason, o.actorId, o.at);
    }
}
