package io.classroom.auth.security;

import java.util.Set;
import java.util.UUID;

/** The authenticated user behind a request: user id, tenant and roles from the verified access token. */
public record Caller(UUID userId, String tenantId, Set<String> roles) {

    public boolean isAdminOf(String tenant) {
        return roles.contains(Roles.ADMIN) && tenantId.equals(tenant);
    }
}
