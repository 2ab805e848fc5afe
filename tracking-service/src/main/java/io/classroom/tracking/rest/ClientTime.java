package io.classroom.tracking.rest;

import io.classroom.tracking.IsoTime;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Client-supplied times, read by {@link IsoTime}: an ISO-8601 date-time with {@code Z}, an offset or a zone; without
 * any it means UTC. Anything else is a 400 naming the field. Every time a REST request carries goes through here.
 */
public final class ClientTime {

    private ClientTime() {}

    /** The parsed time, or {@code fallback} when the field is absent. */
    public static Instant parse(String value, String field, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return IsoTime.parse(value);
        } catch (DateTimeException e) {
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
