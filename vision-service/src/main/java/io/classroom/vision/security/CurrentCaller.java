package io.classroom.vision.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request or WebSocket connection, read from its verified access token. */
@ApplicationScoped
public class CurrentCaller {

    private final JsonWebToken jwt;

    public CurrentCaller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** @throws NotAuthorizedException (401) when the token names no tenant or no user id */
    public Caller get() {
        String tenant = jwt.getClaim("tenant");
        if (tenant == null || tenant.isBlank() || jwt.getSubject() == null) {
            throw new NotAuthorizedException("The token has no subject or tenant", "Bearer");
        }
        var groups = jwt.getGroups();
        try {
            return new Caller(UUID.fromString(jwt.getSubject()), tenant, groups == null ? Set.of() : groups);
        } catch (IllegalArgumentException e) {
            throw new NotAuthorizedException("The token's subject is not a user id", "Bearer");
        }
    }

    /**
     * The caller's own verified access token, forwarded when this service asks another one on the caller's behalf (so
     * the other service applies the caller's rights, never more). Kept out of {@link Caller}, whose fields may be
     * logged.
     *
     * @throws NotAuthorizedException (401) when the request carries no token
     */
    public String accessToken() {
        var token = jwt.getRawToken();
        if (token == null || token.isBlank()) {
            throw new NotAuthorizedException("A bearer access token is required", "Bearer");
        }
        return token;
    }
}
