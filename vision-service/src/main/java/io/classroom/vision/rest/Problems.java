package io.classroom.vision.rest;

import io.classroom.vision.pipeline.InvalidImageException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.RejectedExecutionException;

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

    public static HttpProblem unprocessableImage(String detail) {
        return of(422, "face-count", "Unusable photo", detail);
    }

    public static HttpProblem notFound(String detail) {
        return of(Response.Status.NOT_FOUND, "not-found", "Not found", detail);
    }

    /** Maps pipeline failures to problems: bad images are the client's fault, a full queue is back-pressure. */
    public static Throwable translate(Throwable failure) {
        var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof InvalidImageException invalid) {
            return invalid.tooLarge()
                    ? of(
                            Response.Status.REQUEST_ENTITY_TOO_LARGE,
                            "image-too-large",
                            "Image too large",
                            invalid.getMessage())
                    : of(Response.Status.BAD_REQUEST, "invalid-image", "Invalid image", invalid.getMessage());
        }
        if (cause instanceof RejectedExecutionException) {
            return of(
                    Response.Status.SERVICE_UNAVAILABLE,
                    "overloaded",
                    "Vision workers busy",
                    "all model workers are busy; retry shortly");
        }
        return cause;
    }
}
