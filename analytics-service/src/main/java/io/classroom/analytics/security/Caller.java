package io.classroom.analytics.security;

import java.util.Set;

/** Who is asking: user id, tenant and roles from the access token. */
public record Caller(String userId, String tenantId, Set<String> roles) {

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    /** A teacher who is not also an admin: sees the classes they teach. */
    public boolean isTeacher() {
        return !isAdmin() && roles.contains(Roles.TEACHER);
    }

    /** Only a student: sees their own data. */
    public boolean isStudent() {
        return !isAdmin() && !roles.contains(Roles.TEACHER);
    }
}
