package io.classroom.ingest;

import io.classroom.ingest.stream.StreamState;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Live health of a camera stream, as kept in Redis by the replica that streams it. The reason is coarse and there is
 * no ffmpeg output: what ffmpeg said goes to the server log only.
 */
@Schema(description = "Live health of a camera stream")
public record CameraStatus(
        @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        UUID cameraId,

        @Schema(example = "STREAMING") StreamState state,

        @Schema(description = "Why the stream is RECONNECTING or FAILED (details in the server log only)")
        CameraFailure reason,

        @Schema(example = "2026-09-01T08:14:59Z") Instant lastFrameAt,

        @Schema(description = "Frame rate the camera announces", example = "25.0")
        Double inputFps,

        @Schema(description = "Measured rate of frames published", example = "1.0")
        double outputFps,

        @Schema(example = "840") long framesPublished,

        @Schema(description = "Frames dropped: oversize, Kafka backlog or send failures", example = "2")
        long droppedFrames,

        @Schema(example = "0") long reconnects,

        @Schema(description = "Session the frames are tagged with", example = "c2a4e6f8-1b3d-4e5f-9a7b-8c6d4e2f0a1b")
        UUID sessionId,

        @Schema(description = "Replica streaming the camera", example = "ingest-0")
        String owner,

        @Schema(description = "Whether a stream is requested (by hand or by a class session)", example = "true")
        boolean requested,

        @Schema(example = "2026-09-01T08:15:00Z") Instant updatedAt) {

    public static CameraStatus stopped(UUID cameraId, boolean requested) {
        return new CameraStatus(
                cameraId, StreamState.STOPPED, null, null, null, 0, 0, 0, 0, null, null, requested, null);
    }

    public CameraStatus withRequested(boolean value) {
        return new CameraStatus(
                cameraId,
                state,
                reason,
                lastFrameAt,
                inputFps,
                outputFps,
                framesPublished,
                droppedFrames,
                reconnects,
                sessionId,
                owner,
                value,
                updatedAt);
    }
}
