package io.classroom.tracking.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Client-supplied times: ISO-8601 date-time with seconds, optional fraction, and {@code Z} or an offset; without a
 * zone it means UTC. Anything else is a 400 naming the field.
 */
public final class ClientTime {

    private static final Pattern SHAPE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?");

    private ClientTime() {}

    /** The parsed time, or {@code fallback} when the field is absent. */
    public static Instant parse(String value, String field, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        if (!SHAPE.matcher(value).matches()) {
            throw invalid(field, value);
        }
        try {
            if (value.endsWith("Z")) {
                return Instant.parse(value);
            }
            if (value.length() > 19
                    && (value.charAt(value.length() - 6) == '+' || value.charAt(value.length() - 6) == '-')) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw invalid(field, value);
        }
    }

    private static HttpProblem invalid(String field, String value) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:invalid-time"))
                .withTitle("Invalid time")
                .withStatus(Response.Status.BAD_REQUEST)
                .withDetail(field + " must be an ISO-8601 date-time such as 2024-01-01T12:00:00Z, got '" + value + "'")
                .build();
    }
}
