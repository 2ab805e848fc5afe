package io.classroom.ingest.stream;

import io.classroom.ingest.Camera;
import java.time.Instant;
import java.util.UUID;

/** What one stream worker pulls; {@code sourceUrl} carries credentials and never appears in toString. */
public record StreamSpec(
        UUID cameraId,
        String tenantId,
        UUID sessionId,
        String sourceUrl,
        String redactedUrl,
        double fps,
        int width,
        int height,
        int jpegQuality,
        Instant version) {

    public static StreamSpec of(Camera camera) {
        return new StreamSpec(
                camera.id(),
                camera.tenantId(),
                camera.sessionId(),
                RtspUrls.withCredentials(camera.rtspUrl(), camera.credentials()),
                RtspUrls.redact(camera.rtspUrl()),
                camera.analysisFps(),
                camera.outputWidth(),
                camera.outputHeight(),
                camera.jpegQuality(),
                camera.updatedAt());
    }

    @Override
    public String toString() {
        return "StreamSpec[camera=" + cameraId + ", url=" + redactedUrl + ", fps=" + fps + ", " + width + "x" + height
                + "]";
    }
}
