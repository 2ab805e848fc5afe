package io.classroom.tracking.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** FrameAnalyzed from {@code vision.observations.v1} (the fields this service uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FrameAnalyzed(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotBlank @Size(max = 64) String tenantId,
        @NotBlank @Size(max = 200) String frameId,
        @NotBlank @Size(max = 200) String sourceId,
        UUID sessionId,
        UUID userId,
        @NotNull Instant capturedAt,
        @PositiveOrZero Integer unknownFaces,
        @NotNull List<@NotNull @Valid Face> faces) {

    /** One detected face. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Face(
            Double yawDeg,
            Double pitchDeg,
            @Valid Gaze gaze,
            Boolean attentive,
            @Valid Identity identity) {}

    /** Gaze estimate; ratios are 0..1 across the eye. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gaze(String direction, Double horizontalRatio, Double verticalRatio) {}

    /** Recognised enrolled user. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Identity(@NotNull UUID userId, Double similarity) {}

    /** Reads {@code vision.observations.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<FrameAnalyzed> {
        public Deserializer() {
            super(FrameAnalyzed.class);
        }
    }
}
