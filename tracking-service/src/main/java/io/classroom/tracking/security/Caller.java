package io.classroom.tracking.security;

import java.util.Set;
import java.util.UUID;

/** The authenticated caller: user id, tenant and roles from the access token. */
public record Caller(UUID userId, String tenantId, Set<String> roles) {

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isTeacherOrAdmin() {
        return isAdmin() || roles.contains(Roles.TEACHER);
    }
}
