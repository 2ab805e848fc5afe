package io.classroom.tracking.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * FrameAnalyzed from {@code vision.observations.v1} (the fields this service uses). A webcam frame has {@code userId}
 * (its source is {@code webcam:<userId>}), {@code ownerVerified} (its largest face verified 1:1 against that user's
 * enrolment; absent from older producers, which then counts as not verified) and {@code othersInFrame} (faces other
 * than the verified owner's); room-camera frames have neither.
 */
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
        Boolean ownerVerified,
        @PositiveOrZero Integer othersInFrame,
        @NotNull List<@NotNull @Valid Face> faces) {

    /** Sources of students' own webcams are named {@code webcam:<userId>}. */
    public static final String WEBCAM_SOURCE_PREFIX = "webcam:";

    /** A frame of a student's own webcam (it names its owner, or comes from a webcam source), not a room camera. */
    @JsonIgnore
    public boolean isWebcam() {
        return userId != null || sourceId.startsWith(WEBCAM_SOURCE_PREFIX);
    }

    /** One detected face. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Face(
            @Valid Box box,
            Double yawDeg,
            Double pitchDeg,
            @Valid Gaze gaze,
            Boolean attentive,
            @Valid Identity identity) {

        /** The face's area as a share of the frame (0 when unknown): the largest face is a webcam's owner. */
        @JsonIgnore
        public double area() {
            return box == null || box.width() == null || box.height() == null ? 0 : box.width() * box.height();
        }
    }

    /** Where the face is, as shares of the frame's width and height. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Box(Double x, Double y, Double width, Double height) {}

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
