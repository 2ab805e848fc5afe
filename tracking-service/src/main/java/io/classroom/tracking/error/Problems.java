package io.classroom.tracking.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Domain problems of this service. */
public final class Problems {

    private Problems() {}

    public static HttpProblem notFound(String what) {
        return problem("not-found", "Not found", Response.Status.NOT_FOUND, what + " was not found");
    }

    /** A known object the caller may see but not change, or an operation their role may not use. */
    public static HttpProblem forbidden(String detail) {
        return problem("forbidden", "Forbidden", Response.Status.FORBIDDEN, detail);
    }

    public static HttpProblem conflict(String detail) {
        return problem("invalid-state", "Invalid state", Response.Status.CONFLICT, detail);
    }

    public static HttpProblem badRequest(String detail) {
        return problem("bad-request", "Bad request", Response.Status.BAD_REQUEST, detail);
    }

    private static HttpProblem problem(String slug, String title, Response.Status status, String detail) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:" + slug))
                .withTitle(title)
                .withStatus(status)
                .withDetail(detail)
                .build();
    }
}
