package io.classroom.analytics.rest;

import io.classroom.analytics.service.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the caller from a verified access token. */
final class Callers {
    private Callers() {}

    static Caller of(JsonWebToken token) {
        String tenant = token.getClaim("tenant");
        if (tenant == null || tenant.isBlank() || token.getSubject() == null) {
            throw Problems.forbidden("The access token names no tenant or subject");
        }
        return new Caller(token.getSubject(), tenant, token.getGroups());
    }
}
