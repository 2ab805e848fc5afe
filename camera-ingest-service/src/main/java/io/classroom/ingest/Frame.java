package io.classroom.ingest;

import java.time.Instant;

/** One JPEG frame for ingest.frames.v1; sessionId and userId may be null. */
public record Frame(
        String frameId,
        String sourceId,
        String tenantId,
        String sessionId,
        String userId,
        Instant capturedAt,
        int width,
        int height,
        byte[] jpeg) {}
