package io.classroom.classroom.security;

import java.util.Set;

/** The authenticated user behind a request: id, tenant, roles and a name to show on rosters. */
public record Caller(String userId, String tenantId, Set<String> roles, String displayName) {

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isTeacher() {
        return roles.contains(Roles.TEACHER);
    }

    public boolean isStudent() {
        return roles.contains(Roles.STUDENT);
    }
}
