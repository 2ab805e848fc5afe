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
        UUID cameraId,
        StreamState state,

        @Schema(description = "Why the stream is RECONNECTING or FAILED (details in the server log only)")
        CameraFailure reason,

        Instant lastFrameAt,

        @Schema(description = "Frame rate the camera announces")
        Double inputFps,

        @Schema(description = "Measured rate of frames published")
        double outputFps,

        long framesPublished,

        @Schema(description = "Frames dropped: oversize, Kafka backlog or send failures")
        long droppedFrames,

        long reconnects,

        @Schema(description = "Session the frames are tagged with")
        UUID sessionId,

        @Schema(description = "Replica streaming the camera")
        String owner,

        @Schema(description = "Whether a stream is requested (by hand or by a class session)")
        boolean requested,

        Instant updatedAt) {

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
