package io.classroom.ingest.rest;

import io.classroom.ingest.Camera;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A camera as the API shows it: never the credentials, only whether there are some. */
@Schema(description = "A registered camera")
public record CameraView(
        UUID id,
        String name,
        String description,
        String roomId,
        String location,
        @Schema(description = "Without credentials") String rtspUrl,

        @Schema(description = "Whether credentials are stored for the URL's scheme, host and port")
        boolean hasCredentials,

        @Schema(description = "rtsps: whether the camera's certificate is verified")
        boolean tlsVerify,

        double analysisFps,
        int outputWidth,
        int outputHeight,
        int jpegQuality,
        boolean enabled,

        @Schema(description = "A stream is requested (by hand or by a class session)")
        boolean running,

        @Schema(description = "Class session the camera streams for")
        UUID sessionId,

        Instant createdAt,
        Instant updatedAt) {

    static CameraView of(Camera camera) {
        return new CameraView(
                camera.id(),
                camera.name(),
                camera.description(),
                camera.roomId(),
                camera.location(),
                camera.rtspUrl(),
                camera.hasCredentials(),
                camera.tlsVerify(),
                camera.analysisFps(),
                camera.outputWidth(),
                camera.outputHeight(),
                camera.jpegQuality(),
                camera.enabled(),
                camera.runRequested(),
                camera.sessionId(),
                camera.createdAt(),
                camera.updatedAt());
    }
}
