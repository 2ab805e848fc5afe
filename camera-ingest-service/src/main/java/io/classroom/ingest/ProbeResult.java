package io.classroom.ingest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Outcome of a connection test: the video stream's properties, or a coarse reason why there is none. Nothing the
 * camera or ffmpeg said reaches the caller; the server log has it.
 */
@Schema(description = "Connection test result")
public record ProbeResult(
        @Schema(description = "Whether the camera delivered a video stream", example = "true")
        boolean ok,

        @Schema(description = "Without credentials", example = "rtsp://192.0.2.10:554/stream1")
        String rtspUrl,

        @Schema(description = "Whether credentials were sent to the camera", example = "true")
        boolean withCredentials,

        @Schema(example = "h264") String codec,
        @Schema(example = "1920") Integer width,
        @Schema(example = "1080") Integer height,
        @Schema(example = "25.0") Double fps,
        @Schema(description = "Why the test failed") CameraFailure reason,

        @Schema(description = "A fixed sentence for the reason")
        String detail) {

    public static ProbeResult success(
            String url, boolean withCredentials, String codec, Integer width, Integer height, Double fps) {
        return new ProbeResult(true, url, withCredentials, codec, width, height, fps, null, null);
    }

    public static ProbeResult failure(String url, boolean withCredentials, CameraFailure reason) {
        return new ProbeResult(false, url, withCredentials, null, null, null, null, reason, reason.description());
    }
}
