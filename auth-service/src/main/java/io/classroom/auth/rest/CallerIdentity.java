package io.classroom.auth.rest;

import io.classroom.auth.Role;
import io.classroom.auth.service.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Turns the verified token of a request into a {@link Caller}. */
final class CallerIdentity {

    private CallerIdentity() {}

    static Optional<Caller> optional(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        try {
            var roles = EnumSet.noneOf(Role.class);
            Arrays.stream(Role.values())
                    .filter(role -> identity.hasRole(role.name()))
                    .forEach(roles::add);
            Object tenant = jwt.getClaim("tenant");
            var tenantId = tenant instanceof JsonString json ? json.getString() : String.valueOf(tenant);
            return Optional.of(new Caller(UUID.fromString(jwt.getSubject()), tenantId, roles));
        } catch (IllegalArgumentException e) {
            throw new NotAuthorizedException("The token's subject is not a user id", "Bearer");
        }
    }

    static Caller required(SecurityIdentity identity) {
        return optional(identity).orElseThrow(() -> new NotAuthorizedException("Authentication required", "Bearer"));
    }
}
