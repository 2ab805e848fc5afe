package io.classroom.ingest.websocket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A webcam frame as a JSON text message: the same fields as the REST endpoint's JSON body, plus the W3C
 * {@code traceparent} of the client's trace the frame continues (optional).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebcamFrameMessage(
        String sessionId, @JsonProperty("frame_base64") String frameBase64, String traceparent) {}
