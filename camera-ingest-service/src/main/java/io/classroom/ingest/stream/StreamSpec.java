package io.classroom.ingest.stream;

import io.classroom.ingest.Camera;
import io.classroom.ingest.Credentials;
import java.time.Instant;
import java.util.UUID;

/**
 * What one stream worker pulls: the camera URL (without credentials), the credentials given for it and whether its
 * certificate is verified (rtsps), and the camera's name and room for the announcement of a session's first frame;
 * {@link #toString()} never shows the credentials.
 */
public record StreamSpec(
        UUID cameraId,
        String name,
        String roomId,
        String tenantId,
        UUID sessionId,
        String rtspUrl,
        Credentials credentials,
        boolean tlsVerify,
        double fps,
        int width,
        int height,
        int jpegQuality,
        Instant version) {

    public static StreamSpec of(Camera camera) {
        return new StreamSpec(
                camera.id(),
                camera.name(),
                camera.roomId(),
                camera.tenantId(),
                camera.sessionId(),
                RtspUrls.redact(camera.rtspUrl()),
                camera.credentials(),
                camera.tlsVerify(),
                camera.analysisFps(),
                camera.outputWidth(),
                camera.outputHeight(),
                camera.jpegQuality(),
                camera.updatedAt());
    }

    @Override
    public String toString() {
        return "StreamSpec[camera=" + cameraId + ", url=" + rtspUrl + ", fps=" + fps + ", " + width + "x" + height
                + "]";
    }
}
