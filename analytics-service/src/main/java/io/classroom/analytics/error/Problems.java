package io.classroom.analytics.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Problem bodies for domain errors (RFC 9457), thrown from services and resources alike. */
public final class Problems {
    private Problems() {}

    public static HttpProblem badRequest(String slug, String detail) {
        return problem(Response.Status.BAD_REQUEST, slug, detail);
    }

    public static HttpProblem forbidden(String detail) {
        return problem(Response.Status.FORBIDDEN, "forbidden", detail);
    }

    public static HttpProblem notFound(String detail) {
        return problem(Response.Status.NOT_FOUND, "not-found", detail);
    }

    private static HttpProblem problem(Response.Status status, String slug, String detail) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:" + slug))
                .withTitle(status.getReasonPhrase())
                .withStatus(status)
                .withDetail(detail)
                .build();
    }
}
