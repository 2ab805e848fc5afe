package io.classroom.vision;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One enrolled face: a vector of the model {@code modelId}, owned by a user of a tenant. */
public record GalleryFace(
        UUID faceId, String tenantId, UUID userId, String modelId, float[] vector, OffsetDateTime createdAt) {}
