package io.classroom.tracking.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** FrameAnalyzed from {@code vision.observations.v1} (the fields this service uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FrameAnalyzed(
        String eventId,
        String type,
        String tenantId,
        String frameId,
        String sourceId,
        String sessionId,
        String userId,
        Instant capturedAt,
        Integer unknownFaces,
        List<Face> faces) {

    /** One detected face. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Face(Double yawDeg, Double pitchDeg, Gaze gaze, Boolean attentive, Identity identity) {}

    /** Gaze estimate; ratios are 0..1 across the eye. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gaze(String direction, Double horizontalRatio, Double verticalRatio) {}

    /** Recognised enrolled user. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Identity(String userId, Double similarity) {}
}
