package io.classroom.auth.rest;

import io.classroom.auth.Role;
import io.classroom.auth.service.InvitationService;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new invitation with its single-use code: the only time the code is shown (only its hash is stored). Hand it to
 * the invited person, who registers with it.
 */
public record CreatedInvitationView(
        @Schema(example = "5a7c9e1b-2d4f-4a6b-8c0d-1e3f5a7b9c2d")
        UUID id,

        @Schema(example = "school-1") String tenantId,
        @Schema(example = "grace@school-1.example") String email,
        @Schema(example = "TEACHER") Role role,

        @Schema(description = "The admin who invited", example = "3f2b8c1e-6d4a-4f7b-9a2e-1c5d8e7f9a01")
        UUID createdBy,

        @Schema(example = "2026-09-01T08:00:00Z") Instant createdAt,
        @Schema(example = "2026-09-08T08:00:00Z") Instant expiresAt,

        @Schema(description = "Single-use invitation code, shown only in this response")
        String code) {

    static CreatedInvitationView of(InvitationService.Created created) {
        var invitation = created.invitation();
        return new CreatedInvitationView(
                invitation.id,
                invitation.tenantId,
                invitation.email,
                invitation.role,
                invitation.createdBy,
                invitation.createdAt,
                invitation.expiresAt,
                created.code());
    }
}
