package io.classroom.ingest.security;

import java.util.Set;
import java.util.UUID;

/** The authenticated caller: user id, tenant and roles from the access token. */
public record Caller(UUID userId, String tenantId, Set<String> roles) {

    public boolean isTeacherOrAdmin() {
        return roles.contains(Roles.TEACHER) || roles.contains(Roles.ADMIN);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isTeacher() {
        return roles.contains(Roles.TEACHER);
    }
}
