package io.classroom.ingest;

import io.classroom.ingest.stream.FailureReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Outcome of a connection test: the video stream's properties, or why there is none. */
@Schema(description = "Connection test result")
public record ProbeResult(
        boolean ok,
        @Schema(description = "Without credentials") String rtspUrl,
        String codec,
        Integer width,
        Integer height,
        Double fps,
        @Schema(description = "Why the test failed") FailureReason reason,

        @Schema(description = "Details of the failure (credentials removed)")
        String detail) {

    public static ProbeResult success(String url, String codec, Integer width, Integer height, Double fps) {
        return new ProbeResult(true, url, codec, width, height, fps, null, null);
    }

    public static ProbeResult failure(String url, FailureReason reason, String detail) {
        return new ProbeResult(false, url, null, null, null, null, reason, detail);
    }
}
