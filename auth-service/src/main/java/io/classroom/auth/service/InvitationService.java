package io.classroom.auth.service;

import io.classroom.auth.Invitation;
import io.classroom.auth.Role;
import io.classroom.auth.UserAccount;
import io.classroom.auth.error.Problems;
import io.classroom.auth.repository.InvitationRepository;
import io.classroom.auth.repository.UserRepository;
import io.classroom.auth.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Invitations, managed by the admins of a tenant: how TEACHER and ADMIN accounts (and STUDENT accounts where
 * self-registration is off) come to exist. The code is 32 random bytes, handed out once; only its SHA-256 is stored.
 */
@ApplicationScoped
public class InvitationService {

    /** A new invitation and its code, which is not stored and cannot be shown again. */
    public record Created(Invitation invitation, String code) {}

    private final InvitationRepository invitations;
    private final UserRepository users;
    private final SecureRandom random = new SecureRandom();

    InvitationService(InvitationRepository invitations, UserRepository users) {
        this.invitations = invitations;
        this.users = users;
    }

    /**
     * Invites {@code email} to the caller's tenant with {@code role}, valid for {@code validity} (at most 30 days). An
     * address that already has an account in the tenant is not invited (409): admins see the tenant's accounts anyway.
     */
    public Uni<Created> create(Caller caller, String email, Role role, Duration validity) {
        if (!caller.isAdmin()) {
            return adminOnly();
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(Invitation.MAX_VALIDITY) > 0) {
            return Uni.createFrom()
                    .failure(Problems.badRequest("invalid-expiry", "An invitation is valid for 1 to 30 days."));
        }
        var code = newCode();
        var now = Instant.now();
        var invitation = new Invitation();
        invitation.id = UUID.randomUUID();
        invitation.tenantId = caller.tenantId();
        invitation.email = email.trim();
        invitation.emailNormalised = UserAccount.normalise(email);
        invitation.role = role;
        invitation.codeHash = TokenHashes.sha256(code);
        invitation.createdBy = caller.userId();
        invitation.createdAt = now;
        invitation.expiresAt = now.plus(validity);
        return Panache.withTransaction(() -> users.findByEmail(caller.tenantId(), email)
                        .onItem()
                        .ifNotNull()
                        .failWith(() -> Problems.conflict(
                                "account-exists", "This address already has an account in your tenant."))
                        .chain(() -> invitations.persist(invitation)))
                .invoke(saved -> Log.infof(
                        "Invitation %s (%s) created in tenant '%s' by %s",
                        saved.id, saved.role, saved.tenantId, caller.userId()))
                .map(saved -> new Created(saved, code));
    }

    /** The caller's tenant's invitations that can still be used. */
    public Uni<List<Invitation>> open(Caller caller) {
        if (!caller.isAdmin()) {
            return adminOnly();
        }
        return invitations.open(caller.tenantId(), Instant.now());
    }

    /** Revokes an invitation of the caller's tenant; another tenant's answers 404 like one that does not exist. */
    public Uni<Void> revoke(Caller caller, UUID id) {
        if (!caller.isAdmin()) {
            return adminOnly();
        }
        return Panache.withTransaction(() -> invitations.deleteInTenant(caller.tenantId(), id))
                .chain(deleted -> deleted == 0
                        ? Uni.createFrom().failure(Problems.invitationNotFound())
                        : Uni.createFrom().voidItem());
    }

    /** Expired invitations hold an address and serve nothing: any replica may drop them. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> dropExpired() {
        return Panache.withTransaction(() -> invitations.deleteExpired(Instant.now()))
                .onFailure()
                .invoke(e -> Log.warnf("Dropping expired invitations failed, next run retries: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private String newCode() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static <T> Uni<T> adminOnly() {
        return Uni.createFrom().failure(Problems.roleRequired("Only admins of the tenant manage its invitations."));
    }
}
