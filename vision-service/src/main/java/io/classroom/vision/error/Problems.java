package io.classroom.vision.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The domain problems of this service, as RFC 9457 bodies. */
public final class Problems {

    private Problems() {}

    public static HttpProblem of(Response.StatusType status, String slug, String title, String detail) {
        return of(status.getStatusCode(), slug, title, detail);
    }

    public static HttpProblem of(int status, String slug, String title, String detail) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:" + slug))
                .withTitle(title)
                .withStatus(status)
                .withDetail(detail)
                .build();
    }

    /** Not a JPEG/PNG image, empty, truncated or not valid base64: the client's fault. */
    public static HttpProblem invalidImage(String detail) {
        return of(Response.Status.BAD_REQUEST, "invalid-image", "Invalid image", detail);
    }

    /** A well-formed image above the pixel limit. */
    public static HttpProblem imageTooLarge(String detail) {
        return of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "image-too-large", "Image too large", detail);
    }

    /** Every model worker busy and the queue full: back-pressure, the client retries. */
    public static HttpProblem overloaded() {
        return of(
                Response.Status.SERVICE_UNAVAILABLE,
                "overloaded",
                "Vision workers busy",
                "all model workers are busy; retry shortly");
    }

    public static HttpProblem unprocessableImage(String detail) {
        return of(422, "face-count", "Unusable photo", detail);
    }

    public static HttpProblem notFound(String detail) {
        return of(Response.Status.NOT_FOUND, "not-found", "Not found", detail);
    }

    /** The caller sees the object but may not do this with it. */
    public static HttpProblem forbidden(String detail) {
        return of(Response.Status.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /**
     * classroom-service, which answers whether a student is on one of the caller's rosters, did not answer in time:
     * refused rather than allowed, the client may retry.
     */
    public static HttpProblem classroomUnavailable() {
        return of(
                Response.Status.SERVICE_UNAVAILABLE,
                "classroom-unavailable",
                "Roster check unavailable",
                "classroom-service could not confirm that this student is on one of your rosters; retry shortly");
    }
}
