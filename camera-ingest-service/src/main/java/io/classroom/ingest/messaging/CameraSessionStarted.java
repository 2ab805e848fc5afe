package io.classroom.ingest.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ingest.cameras.v1}: a camera delivered its first frame for a class session (schema in
 * {@code events/ingest.cameras.v1}). Analytics titles heatmaps with the name and draws them over the snapshot.
 */
public record CameraSessionStarted(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        UUID sessionId,
        UUID cameraId,
        String cameraName,
        String roomId,
        Snapshot snapshot) {

    public static final String TYPE = "CameraSessionStarted";

    /** The room as the camera saw it, scaled down and blurred so that nobody can be recognised. */
    public record Snapshot(Instant capturedAt, int width, int height, String contentType, String data) {}
}
