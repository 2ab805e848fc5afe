package io.classroom.vision.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

/**
 * The metadata of an {@code ingest.frames.v1} record, carried in its headers (camera-ingest's
 * {@code Frame.headers.schema.json}; the value is the JPEG). The sizes are those of the {@code FrameAnalyzed} this
 * frame becomes, so a frame that could never give a valid observation is refused on arrival.
 */
public record FrameHeaders(
        @NotBlank @Size(max = 128) String frameId,
        @NotBlank @Size(max = 128) String sourceId,
        UUID sessionId,
        UUID userId,
        @NotNull Instant capturedAt,
        @NotNull @Positive Integer width,
        @NotNull @Positive Integer height,
        @NotBlank @Size(max = 64) String tenantId,

        @NotNull @Pattern(regexp = "image/jpeg", message = "must be image/jpeg")
        String contentType) {

    /**
     * Reads the headers; a missing one is left null for the validation to name.
     *
     * @throws SerializationException naming a header whose value is malformed (not a UUID, an instant, a number)
     */
    public static FrameHeaders of(Headers headers) {
        return new FrameHeaders(
                text(headers, "frameId"),
                text(headers, "sourceId"),
                parsed(headers, "sessionId", UUID::fromString, "a UUID"),
                parsed(headers, "userId", UUID::fromString, "a UUID"),
                parsed(headers, "capturedAt", Instant::parse, "an ISO-8601 instant"),
                parsed(headers, "width", Integer::valueOf, "an integer"),
                parsed(headers, "height", Integer::valueOf, "an integer"),
                text(headers, "tenantId"),
                text(headers, "contentType"));
    }

    private static String text(Headers headers, String name) {
        var header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> T parsed(Headers headers, String name, Function<String, T> parser, String what) {
        var value = text(headers, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new SerializationException("invalid Frame: header " + name + " is not " + what + ": '" + value + "'");
        }
    }
}
