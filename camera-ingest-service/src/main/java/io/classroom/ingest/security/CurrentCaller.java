package io.classroom.ingest.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
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
        return of(jwt);
    }

    /**
     * The caller a verified token names, where no request scope is active (a WebSocket's HTTP upgrade check).
     *
     * @throws NotAuthorizedException (401) when the token names no tenant or no user id
     */
    public static Caller of(JsonWebToken jwt) {
        Object tenant = jwt.getClaim("tenant");
        if (tenant == null || tenant.toString().isBlank() || jwt.getSubject() == null) {
            throw new NotAuthorizedException("The token has no subject or tenant", "Bearer");
        }
        try {
            return new Caller(UUID.fromString(jwt.getSubject()), tenant.toString(), jwt.getGroups());
        } catch (IllegalArgumentException e) {
            throw new NotAuthorizedException("The token's subject is not a user id", "Bearer");
        }
    }
}
