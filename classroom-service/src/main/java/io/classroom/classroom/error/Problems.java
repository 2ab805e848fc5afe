package io.classroom.classroom.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import java.net.URI;

/** Domain errors as RFC 9457 problems with a {@code urn:classroom:problem:<slug>} type. */
public final class Problems {

    private Problems() {}

    public static HttpProblem of(int status, String slug, String title, String detail) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:" + slug))
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .build();
    }

    public static HttpProblem notFound(String what, String id) {
        return of(404, "not-found", "Not Found", what + " " + id + " does not exist");
    }

    public static HttpProblem forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    public static HttpProblem badRequest(String slug, String detail) {
        return of(400, slug, "Bad Request", detail);
    }

    public static HttpProblem conflict(String slug, String detail) {
        return of(409, slug, "Conflict", detail);
    }

    /**
     * A camera of the room is held by another active session of the tenant: naming the camera (never the other class
     * or its teacher) tells the caller which one to free.
     */
    public static HttpProblem cameraInUse(String cameraId) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:camera-in-use"))
                .withStatus(409)
                .withTitle("Conflict")
                .withDetail("camera " + cameraId + " is in use by another active session")
                .with("cameraId", cameraId)
                .build();
    }

    public static HttpProblem unprocessable(String slug, String detail) {
        return of(422, slug, "Unprocessable Content", detail);
    }
}
