package io.classroom.auth.rest;

import io.classroom.auth.Role;
import io.classroom.auth.service.InvitationService;
import java.time.Instant;
import java.util.UUID;

/**
 * A new invitation with its single-use code: the only time the code is shown (only its hash is stored). Hand it to
 * the invited person, who registers with it.
 */
public record CreatedInvitationView(
        UUID id,
        String tenantId,
        String email,
        Role role,
        UUID createdBy,
        Instant createdAt,
        Instant expiresAt,
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
