package io.classroom.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A URL (and optional credentials) to test before saving a camera. */
@Schema(description = "Connection to test")
public record ProbeRequest(
        @NotBlank @Size(max = 2000) @Schema(example = "rtsp://192.0.2.10:554/stream1")
        String rtspUrl,

        @Size(max = 200) String username,
        @Size(max = 200) String password,

        @Schema(description = "rtsps only: verify the camera's certificate", defaultValue = "true")
        Boolean tlsVerify) {}
