package io.classroom.tracking.rest;

import io.classroom.tracking.Caller;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Builds the {@link Caller} from a verified access token. */
public final class Callers {

    private Callers() {}

    public static Caller of(JsonWebToken jwt) {
        String tenant = jwt.getClaim("tenant");
        if (tenant == null || jwt.getSubject() == null) {
            throw new NotAuthorizedException("The token has no subject or tenant", "Bearer");
        }
        try {
            return new Caller(UUID.fromString(jwt.getSubject()), tenant, jwt.getGroups());
        } catch (IllegalArgumentException e) {
            throw new NotAuthorizedException("The token's subject is not a user id", "Bearer");
        }
    }
}
