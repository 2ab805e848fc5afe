package io.classroom.auth.rest;

import io.classroom.auth.Role;
import io.classroom.auth.UserAccount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as the API shows it (never the password hash). */
public record UserView(
        @Schema(example = "3f2b8c1e-6d4a-4f7b-9a2e-1c5d8e7f9a01")
        UUID id,

        @Schema(example = "school-1") String tenantId,
        @Schema(example = "ada@school-1.example") String email,
        @Schema(example = "Ada Lovelace") String displayName,
        @Schema(example = "[\"TEACHER\"]") List<Role> roles,
        @Schema(example = "false") boolean disabled,
        @Schema(example = "2026-09-01T08:00:00Z") Instant createdAt,
        @Schema(example = "2026-09-15T10:30:00Z") Instant updatedAt) {

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
