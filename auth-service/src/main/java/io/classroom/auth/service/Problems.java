package io.classroom.auth.service;

import io.quarkiverse.resteasy.problem.HttpProblem;
import java.net.URI;

/** Domain problems of auth-service, typed {@code urn:classroom:problem:<slug>}. */
public final class Problems {

    private Problems() {}

    public static HttpProblem of(int status, String slug, String title, String detail) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:" + slug))
                .withTitle(title)
                .withStatus(status)
                .withDetail(detail)
                .build();
    }

    /** The one answer to every failed login or refresh, whatever the reason. */
    public static HttpProblem invalidCredentials() {
        return of(401, "invalid-credentials", "Invalid credentials", "The email or password is wrong.");
    }

    public static HttpProblem invalidRefreshToken() {
        return of(
                401,
                "invalid-refresh-token",
                "Invalid refresh token",
                "The refresh token is unknown, expired or revoked; log in again.");
    }

    public static HttpProblem userNotFound() {
        return of(404, "user-not-found", "User not found", "No such user in your tenant.");
    }

    public static HttpProblem badRequest(String slug, String detail) {
        return of(400, slug, "Bad request", detail);
    }

    public static HttpProblem forbidden(String slug, String detail) {
        return of(403, slug, "Forbidden", detail);
    }

    public static HttpProblem conflict(String slug, String detail) {
        return of(409, slug, "Conflict", detail);
    }
}
