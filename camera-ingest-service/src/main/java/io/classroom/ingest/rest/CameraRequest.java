package io.classroom.ingest.rest;

import io.classroom.ingest.service.CameraSettings;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A camera to create or replace. Credentials may also come in the URL's userinfo; they are split off. */
@Schema(description = "Camera settings; username/password are write-only")
public record CameraRequest(
        @NotBlank @Size(max = 120) @Schema(example = "Room A front")
        String name,

        @Size(max = 1000) @Schema(example = "Ceiling camera facing the students")
        String description,

        @Size(max = 120)
        @Schema(
                description = "Room (classroom-service) the camera is in",
                example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b")
        String roomId,

        @Size(max = 200) @Schema(example = "Building B, 2nd floor")
        String location,

        @NotBlank @Size(max = 2000) @Schema(example = "rtsp://192.0.2.10:554/stream1")
        String rtspUrl,

        @Size(max = 200)
        @Schema(
                description = "Write-only. On update omit both to keep them (only while the URL keeps its scheme, host"
                        + " and port: a URL moved elsewhere drops them), empty to clear")
        String username,

        @Size(max = 200) @Schema(description = "Write-only") String password,

        @Schema(
                description = "rtsps only: verify the camera's certificate and that it names the host; false accepts"
                        + " any certificate (encrypted, but open to an impostor on the camera network)",
                defaultValue = "true")
        Boolean tlsVerify,

        @DecimalMin("0.2")
        @DecimalMax("30")
        @Schema(description = "Frames per second sent for analysis", defaultValue = "1")
        Double analysisFps,

        @Min(16) @Max(3840) @Schema(defaultValue = "640") Integer outputWidth,
        @Min(16) @Max(2160) @Schema(defaultValue = "360") Integer outputHeight,

        @Min(1) @Max(100) @Schema(description = "JPEG quality 1-100", defaultValue = "80")
        Integer jpegQuality,

        @Schema(defaultValue = "true") Boolean enabled) {

    CameraSettings toSettings() {
        return new CameraSettings(
                name,
                description,
                roomId,
                location,
                rtspUrl,
                username,
                password,
                tlsVerify,
                analysisFps,
                outputWidth,
                outputHeight,
                jpegQuality,
                enabled);
    }
}
