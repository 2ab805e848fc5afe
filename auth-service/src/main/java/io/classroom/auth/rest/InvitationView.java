package io.classroom.auth.rest;

import io.classroom.auth.Invitation;
import io.classroom.auth.Role;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An open invitation, without its code (the code is shown once, when the invitation is created). */
public record InvitationView(
        @Schema(example = "5a7c9e1b-2d4f-4a6b-8c0d-1e3f5a7b9c2d")
        UUID id,

        @Schema(example = "school-1") String tenantId,
        @Schema(example = "grace@school-1.example") String email,
        @Schema(example = "TEACHER") Role role,

        @Schema(description = "The admin who invited", example = "3f2b8c1e-6d4a-4f7b-9a2e-1c5d8e7f9a01")
        UUID createdBy,

        @Schema(example = "2026-09-01T08:00:00Z") Instant createdAt,
        @Schema(example = "2026-09-08T08:00:00Z") Instant expiresAt) {

    static InvitationView of(Invitation invitation) {
        return new InvitationView(
                invitation.id,
                invitation.tenantId,
                invitation.email,
                invitation.role,
                invitation.createdBy,
                invitation.createdAt,
                invitation.expiresAt);
    }
}
