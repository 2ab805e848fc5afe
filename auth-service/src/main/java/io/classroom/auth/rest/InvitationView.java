package io.classroom.auth.rest;

import io.classroom.auth.Invitation;
import io.classroom.auth.Role;
import java.time.Instant;
import java.util.UUID;

/** An open invitation, without its code (the code is shown once, when the invitation is created). */
public record InvitationView(
        UUID id, String tenantId, String email, Role role, UUID createdBy, Instant createdAt, Instant expiresAt) {

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
