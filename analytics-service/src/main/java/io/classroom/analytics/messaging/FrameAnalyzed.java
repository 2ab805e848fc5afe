package io.classroom.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
        Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotBlank @Size(max = 200) String frameId,
        @NotBlank @Size(max = 200) String sourceId,
        @Size(max = 64) String sessionId,
        @NotNull Instant capturedAt,
        @PositiveOrZero Integer unknownFaces,
        @NotNull List<@NotNull @Valid Face> faces) {

    /** A detected face: where it is (the camera grid), whether attentive, whom it was recognised as. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Face(
            @NotNull @Valid Box box,
            boolean attentive,
            @Valid Identity identity) {}

    /** A box in fractions of the frame. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Box(
            @NotNull @DecimalMin("0") @DecimalMax("1") Double x,
            @NotNull @DecimalMin("0") @DecimalMax("1") Double y,
            @NotNull @DecimalMin("0") @DecimalMax("1") Double width,
            @NotNull @DecimalMin("0") @DecimalMax("1") Double height) {}

    /** Who a face was recognised as. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Identity(@NotBlank @Size(max = 64) String userId, Double similarity) {}

    /** Reads {@code vision.observations.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<FrameAnalyzed> {
        public Deserializer() {
            super(FrameAnalyzed.class);
        }
    }
}
