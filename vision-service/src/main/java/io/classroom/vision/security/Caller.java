package io.classroom.vision.security;

import java.util.Set;
import java.util.UUID;

/** The authenticated caller: user id, tenant and roles from the access token. */
public record Caller(UUID userId, String tenantId, Set<String> roles) {

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isTeacher() {
        return roles.contains(Roles.TEACHER);
    }

    public boolean isStudent() {
        return roles.contains(Roles.STUDENT);
    }

    /** Teachers and admins: the school's staff, who may read every calibration of their tenant. */
    public boolean isStaff() {
        return isTeacher() || isAdmin();
    }

    /** The source id of this user's own webcam ({@code webcam:<userId>}, as camera-ingest names it). */
    public String webcamSourceId() {
        return "webcam:" + userId;
    }
}
