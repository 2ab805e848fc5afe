package io.classroom.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webcam frame as JSON, as older clients send it. */
@Schema(description = "Webcam frame as base64 JSON")
public record WebcamFrameRequest(
        @Schema(
                description = "An active class session, or the caller's own personal session",
                required = true,
                example = "c2a4e6f8-1b3d-4e5f-9a7b-8c6d4e2f0a1b")
        String sessionId,

        @JsonProperty("frame_base64")
        @Schema(description = "JPEG or PNG, base64; a data: URL prefix is accepted", required = true)
        String frameBase64) {}
