package io.classroom.vision.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/** The metadata of an {@code ingest.frames.v1} record, carried in its headers (the value is the JPEG). */
public record FrameHeaders(
        String frameId,
        String sourceId,
        UUID sessionId,
        UUID userId,
        Instant capturedAt,
        int width,
        int height,
        String tenantId,
        String contentType) {

    /**
     * Parses the headers.
     *
     * @throws IllegalArgumentException naming the missing or malformed header
     */
    public static FrameHeaders parse(Headers headers) {
        return new FrameHeaders(
                required(headers, "frameId"),
                required(headers, "sourceId"),
                uuid(headers, "sessionId"),
                uuid(headers, "userId"),
                Instant.parse(required(headers, "capturedAt")),
                positive(headers, "width"),
                positive(headers, "height"),
                required(headers, "tenantId"),
                required(headers, "contentType"));
    }

    private static String value(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        var v = value(headers, name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("frame header " + name + " is missing");
        }
        return v;
    }

    private static UUID uuid(Headers headers, String name) {
        var v = value(headers, name);
        return v == null || v.isBlank() ? null : UUID.fromString(v);
    }

    private static int positive(Headers headers, String name) {
        int v = Integer.parseInt(required(headers, name));
        if (v <= 0) {
            throw new IllegalArgumentException("frame header " + name + " must be positive");
        }
        return v;
    }
}
