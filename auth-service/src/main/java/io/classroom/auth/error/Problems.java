package io.classroom.auth.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import java.net.URI;

/** Domain problems of auth-service, typed {@code urn:classroom:problem:<slug>}. */
public final class Problems {

    private Problems() {}

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

    /** The caller's tenant is not stored: tenants are never deleted, so only a token from elsewhere gets this. */
    public static HttpProblem tenantNotFound() {
        return of(404, "tenant-not-found", "Tenant not found", "Your tenant does not exist.");
    }

    public static HttpProblem invitationNotFound() {
        return of(404, "invitation-not-found", "Invitation not found", "No such invitation in your tenant.");
    }

    /** 403 for a caller whose role does not allow the operation. */
    public static HttpProblem roleRequired(String detail) {
        return forbidden("role-required", detail);
    }

    /** 429 with {@code Retry-After}: the login is refused until a failure counter expires. */
    public static HttpProblem tooManyLoginFailures(long retryAfterSeconds) {
        return builder(
                        429,
                        "too-many-login-failures",
                        "Too many failed logins",
                        "Too many failed logins; try again in " + retryAfterSeconds + " seconds.")
                .withHeader("Retry-After", retryAfterSeconds)
                .build();
    }

    /** 429 with {@code Retry-After}: too many registrations from the client's address. */
    public static HttpProblem tooManyRegistrations(long retryAfterSeconds) {
        return builder(
                        429,
                        "too-many-registrations",
                        "Too many registrations",
                        "Too many registrations from your address; try again in " + retryAfterSeconds + " seconds.")
                .withHeader("Retry-After", retryAfterSeconds)
                .build();
    }

    /**
     * 503 with {@code Retry-After}: a bounded resource (the crypto workers, a connection pool) and its waiting line are
     * full; the request was not processed.
     */
    public static HttpProblem busy(long retryAfterSeconds) {
        return builder(
                        503,
                        "busy",
                        "Service busy",
                        "Too many requests at once; try again in " + retryAfterSeconds + " seconds.")
                .withHeader("Retry-After", retryAfterSeconds)
                .build();
    }

    private static HttpProblem of(int status, String slug, String title, String detail) {
        return builder(status, slug, title, detail).build();
    }

    private static HttpProblem.Builder builder(int status, String slug, String title, String detail) {
        return HttpProblem.builder()
                .withType(URI.create("urn:classroom:problem:" + slug))
                .withTitle(title)
                .withStatus(status)
                .withDetail(detail);
    }
}
