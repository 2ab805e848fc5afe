package io.classroom.vision.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * FaceEnrolled / FaceDeleted on the compacted topic {@code vision.faces.v1} (key userId): every event carries the
 * user's complete remaining face set, because compaction keeps only the latest event per user.
 */
public record FaceSetEvent(
        UUID eventId, String type, Instant occurredAt, String tenantId, UUID userId, List<Face> faces) {

    public static final String ENROLLED = "FaceEnrolled";
    public static final String DELETED = "FaceDeleted";

    /** One enrolled vector with the model that produced it. */
    public record Face(UUID faceId, String modelId, float[] vector) {}
}
