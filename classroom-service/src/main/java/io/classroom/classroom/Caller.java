package io.classroom.classroom;

import java.util.Set;

/** The authenticated user behind a request: id, tenant, roles and a name to show on rosters. */
public record Caller(String userId, String tenantId, Set<String> roles, String displayName) {

    public static final String ADMIN = "ADMIN";
    public static final String TEACHER = "TEACHER";
    public static final String STUDENT = "STUDENT";

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean isTeacher() {
        return roles.contains(TEACHER);
    }

    public boolean isStudent() {
        return roles.contains(STUDENT);
    }

    /** Admins manage every class of their tenant, teachers the classes they teach. */
    public boolean manages(SchoolClass schoolClass) {
        return isAdmin() || (isTeacher() && schoolClass.isTaughtBy(userId));
    }

    /** Whoever manages a class or is enrolled in it may see it. */
    public boolean sees(SchoolClass schoolClass) {
        return manages(schoolClass) || schoolClass.hasStudent(userId);
    }
}
