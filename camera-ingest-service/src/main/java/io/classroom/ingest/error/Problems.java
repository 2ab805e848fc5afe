package io.classroom.ingest.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Domain problems as RFC 9457 bodies with {@code urn:classroom:problem:<slug>} types. */
public final class Problems {

    private Problems() {}

    /** The problem type of a slug: {@code urn:classroom:problem:<slug>}. */
    public static URI type(String slug) {
        return URI.create("urn:classroom:problem:" + slug);
    }

    public static HttpProblem of(Response.Status status, String slug, String title, String detail) {
        return HttpProblem.builder()
                .withType(type(slug))
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .build();
    }

    public static HttpProblem badRequest(String slug, String detail) {
        return of(Response.Status.BAD_REQUEST, slug, "Bad request", detail);
    }

    /** 403: the caller may see the object (or the operation exists for them) but not do this. */
    public static HttpProblem forbidden(String slug, String detail) {
        return of(Response.Status.FORBIDDEN, slug, "Forbidden", detail);
    }

    /** 409: the object is in a state that refuses the operation. */
    public static HttpProblem conflict(String slug, String detail) {
        return of(Response.Status.CONFLICT, slug, "Conflict", detail);
    }

    public static HttpProblem notFound(String what) {
        return of(Response.Status.NOT_FOUND, "not-found", "Not found", what + " not found");
    }

    /** 429 with {@code Retry-After}, so clients know when to send again. */
    public static HttpProblem tooManyRequests(String detail, int retryAfterSeconds) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:rate-limited"))
                .withStatus(Response.Status.TOO_MANY_REQUESTS)
                .withTitle("Too Many Requests")
                .withDetail(detail)
                .withHeader("Retry-After", retryAfterSeconds)
                .build();
    }
}
