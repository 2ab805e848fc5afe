package io.classroom.auth.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read from its verified access token. */
@ApplicationScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** @throws NotAuthorizedException (401) when the request carries no verified token */
    public Caller get() {
        return optional().orElseThrow(() -> new NotAuthorizedException("Authentication required", "Bearer"));
    }

    /**
     * The caller when the request carries a verified token, empty when it is anonymous.
     *
     * @throws NotAuthorizedException (401) when the token's subject is not a user id
     */
    private Optional<Caller> optional() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object tenant = jwt.getClaim("tenant");
        var tenantId = tenant instanceof JsonString json ? json.getString() : String.valueOf(tenant);
        try {
            return Optional.of(
                    new Caller(UUID.fromString(jwt.getSubject()), tenantId, Set.copyOf(identity.getRoles())));
        } catch (IllegalArgumentException e) {
            throw new NotAuthorizedException("The token's subject is not a user id", "Bearer");
        }
    }
}
