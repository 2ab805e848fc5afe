package io.classroom.ingest.rest;

import io.classroom.ingest.Problems;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the caller's tenant and user id from the access token. */
public final class Callers {

    private Callers() {}

    public static String tenant(JsonWebToken jwt) {
        Object tenant = jwt.getClaim("tenant");
        if (tenant == null || tenant.toString().isBlank()) {
            throw Problems.of(Response.Status.FORBIDDEN, "no-tenant", "Forbidden", "the token carries no tenant");
        }
        return tenant.toString();
    }

    public static String userId(JsonWebToken jwt) {
        return jwt.getSubject();
    }
}
