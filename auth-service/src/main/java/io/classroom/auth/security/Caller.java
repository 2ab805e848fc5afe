package io.classroom.auth.security;

import java.util.Set;
import java.util.UUID;

/** The authenticated user behind a request: user id, tenant and roles from the verified access token. */
public record Caller(UUID userId, String tenantId, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** An admin of the caller's own tenant (every admin operation acts there). */
    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    public boolean isAdminOf(String tenant) {
        return isAdmin() && tenantId.equals(tenant);
    }
}
