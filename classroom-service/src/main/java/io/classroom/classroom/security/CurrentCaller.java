package io.classroom.classroom.security;

import io.classroom.classroom.error.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the caller of the current request from its verified access token. */
@ApplicationScoped
public class CurrentCaller {

    private static final int MAX_TENANT_LENGTH = 64;

    private final JsonWebToken jwt;

    public CurrentCaller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller get() {
        String tenant = jwt.getClaim("tenant");
        String subject = jwt.getSubject();
        if (tenant == null || tenant.isBlank() || tenant.length() > MAX_TENANT_LENGTH || subject == null) {
            throw Problems.forbidden("the access token carries no usable tenant or subject");
        }
        String name = jwt.getClaim("name");
        if (name == null || name.isBlank()) {
            name = jwt.getName();
        }
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        return new Caller(subject, tenant, groups, name);
    }
}
