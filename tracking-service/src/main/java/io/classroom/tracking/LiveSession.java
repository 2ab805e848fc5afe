package io.classroom.tracking;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Live state of a class session: per roster member, plus unattributed faces and camera outages. {@code frames} counts
 * every frame applied, {@code webcamFrames} those of roster members' own webcams (which make no outages).
 */
public record LiveSession(
        @Schema(examples = "8d1f6c2a-3b4e-4f5a-9c6d-7e8f9a0b1c2d")
        String sessionId,

        @Schema(examples = "5b7e2f90-1c3d-4e6a-8b9c-0d1e2f3a4b5c")
        String classId,

        @Schema(description = "ACTIVE or ENDED", examples = "ACTIVE")
        String state,

        @Schema(examples = "2026-09-01T08:00:00Z") Instant startedAt,

        @Schema(description = "null when started by hand", examples = "2026-09-01T08:00:00Z")
        Instant scheduledStart,

        @Schema(description = "SCHEDULE or MANUAL (null from older producers)", examples = "SCHEDULE")
        String trigger,

        @Schema(description = "null while the session runs", examples = "2026-09-01T08:45:00Z")
        Instant endedAt,

        @Schema(examples = "2026-09-01T08:20:15Z") Instant lastFrameAt,
        @Schema(examples = "4820") long frames,
        @Schema(examples = "1210") long webcamFrames,
        @Schema(examples = "12") long outageSeconds,
        List<Outage> outages,

        @Schema(description = "face observations matched to nobody on the roster", examples = "7")
        long unknownFaceObservations,

        @Schema(examples = "1") int maxUnknownFacesInFrame,
        List<LiveStudent> students) {

    /** A stretch with no frame from any room camera of the session: excluded from durations, not the students' absence. */
    public record Outage(
            @Schema(examples = "2026-09-01T08:12:03Z") Instant from,
            @Schema(examples = "2026-09-01T08:12:15Z") Instant to) {}
}
