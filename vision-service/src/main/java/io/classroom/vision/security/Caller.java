package io.classroom.vision.security;

import java.util.Set;
import java.util.UUID;

/** The authenticated caller: user id, tenant and roles from the access token. */
public record Caller(UUID userId, String tenantId, Set<String> roles) {

    /** Teachers and admins see identities and manage anyone's faces; students only their own. */
    public boolean isStaff() {
        return roles.contains(Roles.TEACHER) || roles.contains(Roles.ADMIN);
    }
}
