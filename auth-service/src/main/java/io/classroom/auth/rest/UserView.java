package io.classroom.auth.rest;

import io.classroom.auth.Role;
import io.classroom.auth.UserAccount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the API shows it (never the password hash). */
public record UserView(
        UUID id,
        String tenantId,
        String email,
        String displayName,
        List<Role> roles,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt) {

    static UserView of(UserAccount user) {
        return new UserView(
                user.id,
                user.tenantId,
                user.email,
                user.displayName,
                user.roles.stream().sorted().toList(),
                user.disabled,
                user.createdAt,
                user.updatedAt);
    }
}
