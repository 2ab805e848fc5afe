package io.classroom.vision.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.classroom.vision.GalleryFace;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * FaceEnrolled / FaceDeleted on the compacted topic {@code vision.faces.v1} (key userId): every event carries the
 * user's complete remaining face set, because compaction keeps only the latest event per user. A user left without
 * faces is not an event but a tombstone (null value), so compaction erases the earlier vectors. Published by this
 * service and read back by every replica.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaceSetEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotNull UUID userId,
        @NotNull List<@NotNull @Valid Face> faces)
        implements Event {

    public static final String TOPIC = "vision.faces.v1";
    public static final String ENROLLED = "FaceEnrolled";
    public static final String DELETED = "FaceDeleted";

    /** The event announcing {@code faces} as the user's complete set ({@link #ENROLLED} or {@link #DELETED}). */
    public static FaceSetEvent of(String type, String tenantId, UUID userId, List<GalleryFace> faces) {
        return new FaceSetEvent(
                UUID.randomUUID(),
                type,
                Instant.now(),
                tenantId,
                userId,
                faces.stream()
                        .map(f -> new Face(f.faceId(), f.modelId(), f.vector()))
                        .toList());
    }

    /** One enrolled vector with the model that produced it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Face(
            @NotNull UUID faceId,
            @NotBlank String modelId,
            @NotNull @Size(min = 1) float[] vector) {}

    /** Reads {@code vision.faces.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<FaceSetEvent> {
        public Deserializer() {
            super(FaceSetEvent.class);
        }
    }
}
