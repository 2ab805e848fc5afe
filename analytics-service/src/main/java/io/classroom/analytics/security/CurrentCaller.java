package io.classroom.analytics.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read from its verified access token. */
@ApplicationScoped
public class CurrentCaller {

    private final JsonWebToken jwt;

    public CurrentCaller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** @throws NotAuthorizedException (401) when the token names no tenant or no subject: it identifies nobody */
    public Caller get() {
        String tenant = jwt.getClaim("tenant");
        String subject = jwt.getSubject();
        if (tenant == null || tenant.isBlank() || subject == null || subject.isBlank()) {
            throw new NotAuthorizedException("The token has no subject or tenant", "Bearer");
        }
        return new Caller(subject, tenant, jwt.getGroups());
    }
}
