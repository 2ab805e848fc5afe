package io.classroom.auth.service;

import io.classroom.auth.Role;
import java.util.Set;
import java.util.UUID;

/** The authenticated user behind a request, from a verified access token. */
public record Caller(UUID userId, String tenantId, Set<Role> roles) {

    public boolean isAdminOf(String tenant) {
        return roles.contains(Role.ADMIN) && tenantId.equals(tenant);
    }
}
