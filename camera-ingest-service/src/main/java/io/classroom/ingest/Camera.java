package io.classroom.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered camera. {@code rtspUrl} never carries credentials; they are kept apart (encrypted at rest, bound to the
 * URL's scheme, host and port). {@code tlsVerify} (rtsps only) says whether the camera's certificate is verified.
 * {@code runRequested} says a stream should run (by hand or for a class session); it runs only when enabled.
 */
public record Camera(
        UUID id,
        String tenantId,
        String name,
        String description,
        String roomId,
        String location,
        String rtspUrl,
        Credentials credentials,
        boolean tlsVerify,
        double analysisFps,
        int outputWidth,
        int outputHeight,
        int jpegQuality,
        boolean enabled,
        boolean runRequested,
        UUID sessionId,
        Instant createdAt,
        Instant updatedAt) {

    public boolean hasCredentials() {
        return credentials != null;
    }

    public boolean shouldStream() {
        return enabled && runRequested;
    }
}
