package io.classroom.ingest.rest;

import io.classroom.ingest.Camera;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A camera as the API shows it: never the credentials, only whether there are some. */
@Schema(description = "A registered camera")
public record CameraView(
        @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        UUID id,

        @Schema(example = "Room A front") String name,

        @Schema(example = "Ceiling camera facing the students")
        String description,

        @Schema(
                description = "Room (classroom-service) the camera is in",
                example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b")
        String roomId,

        @Schema(example = "Building B, 2nd floor") String location,

        @Schema(description = "Without credentials", example = "rtsp://192.0.2.10:554/stream1")
        String rtspUrl,

        @Schema(description = "Whether credentials are stored for the URL's scheme, host and port", example = "true")
        boolean hasCredentials,

        @Schema(description = "rtsps: whether the camera's certificate is verified", example = "true")
        boolean tlsVerify,

        @Schema(description = "Frames per second sent for analysis", example = "1.0")
        double analysisFps,

        @Schema(example = "640") int outputWidth,
        @Schema(example = "360") int outputHeight,

        @Schema(description = "JPEG quality 1-100", example = "80")
        int jpegQuality,

        @Schema(example = "true") boolean enabled,

        @Schema(description = "A stream is requested (by hand or by a class session)", example = "true")
        boolean running,

        @Schema(description = "Class session the camera streams for", example = "c2a4e6f8-1b3d-4e5f-9a7b-8c6d4e2f0a1b")
        UUID sessionId,

        @Schema(example = "2026-09-01T08:00:00Z") Instant createdAt,
        @Schema(example = "2026-09-15T10:30:00Z") Instant updatedAt) {

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
