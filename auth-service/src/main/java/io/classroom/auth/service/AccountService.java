package io.classroom.auth.service;

import io.classroom.auth.Invitation;
import io.classroom.auth.PasswordPolicy;
import io.classroom.auth.RefreshToken.Revocation;
import io.classroom.auth.Role;
import io.classroom.auth.UserAccount;
import io.classroom.auth.error.Problems;
import io.classroom.auth.messaging.Outbox;
import io.classroom.auth.messaging.OutboxRelay;
import io.classroom.auth.messaging.UserEvent;
import io.classroom.auth.messaging.UserEvent.UserDeleted;
import io.classroom.auth.messaging.UserEvent.UserRegistered;
import io.classroom.auth.messaging.UserEvent.UserUpdated;
import io.classroom.auth.repository.InvitationRepository;
import io.classroom.auth.repository.RefreshTokenRepository;
import io.classroom.auth.repository.TenantRepository;
import io.classroom.auth.repository.UserRepository;
import io.classroom.auth.security.Caller;
import io.classroom.auth.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Accounts: registration, profile, password, and the admin operations, each checking here who may do it (role, and
 * the caller's own tenant: another tenant's user answers 404). Every change is announced on Kafka through the outbox:
 * its event is stored in the change's transaction and relayed after the commit.
 */
@ApplicationScoped
public class AccountService {

    /** One page of users and the tenant's total. */
    public record UserPage(List<UserAccount> items, long total) {}

    private final UserRepository users;
    private final TenantRepository tenants;
    private final InvitationRepository invitations;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final BruteForceGuard guard;
    private final Outbox outbox;
    private final OutboxRelay relay;

    AccountService(
            UserRepository users,
            TenantRepository tenants,
            InvitationRepository invitations,
            RefreshTokenRepository refreshTokens,
            PasswordHasher hasher,
            PasswordPolicy policy,
            BruteForceGuard guard,
            Outbox outbox,
            OutboxRelay relay) {
        this.users = users;
        this.tenants = tenants;
        this.invitations = invitations;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.policy = policy;
        this.guard = guard;
        this.outbox = outbox;
        this.relay = relay;
    }

    /**
     * Creates the account when the address may join the tenant: as STUDENT where the tenant allows self-registration,
     * or with the role of an admin's invitation for this email in this tenant (single use, before it expires). A role
     * other than STUDENT in the request and a weak password are refused (400) before anything is looked up; then the
     * attempt is counted per client address (429 over the limit) and the password hashed, whatever happens next. The
     * outcome (unknown tenant, self-registration off, email taken, invalid invitation, account created) is not told:
     * the caller learns nothing about which tenants and accounts exist; the new user simply signs in.
     */
    public Uni<Void> register(Registration registration, String clientAddress) {
        if (registration.requestedRole() != null && registration.requestedRole() != Role.STUDENT) {
            return Uni.createFrom()
                    .failure(Problems.badRequest(
                            "role-not-allowed",
                            "Roles are granted by an admin: register without a role (STUDENT), or with the code of"
                                    + " an admin's invitation."));
        }
        return checkPolicy(registration.password(), registration.email())
                .chain(() -> guard.countRegistration(clientAddress))
                .chain(() -> hasher.hash(registration.password()))
                .chain(hash -> Panache.withTransaction(() -> admit(registration, hash, Instant.now())))
                // A concurrent registration of the same email won: the outcome is the same as "email taken".
                .onFailure(AccountService::isUniqueViolation)
                .recoverWithItem(false)
                .invoke(created -> {
                    Log.debugf(
                            "Registration in tenant %s: %s", registration.tenantId(), created ? "created" : "refused");
                    if (created) {
                        relay.relaySoon();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Every lookup runs whatever the earlier ones found, so the time taken does not tell which one failed. True when
     * the account was created (with its UserRegistered in the outbox).
     */
    private Uni<Boolean> admit(Registration registration, String passwordHash, Instant now) {
        var tenantId = registration.tenantId();
        var code = registration.invitationCode();
        return tenants.findById(tenantId)
                .chain(tenant -> (code == null
                                ? Uni.createFrom().<Invitation>nullItem()
                                : invitations.findByCodeHash(TokenHashes.sha256(code)))
                        .chain(invitation -> users.findByEmail(tenantId, registration.email())
                                .chain(existing -> {
                                    if (tenant == null || existing != null) {
                                        return Uni.createFrom().item(false);
                                    }
                                    if (code == null) {
                                        return tenant.selfRegistration
                                                ? insert(registration, Role.STUDENT, passwordHash)
                                                        .replaceWith(true)
                                                : Uni.createFrom().item(false);
                                    }
                                    return invitation != null && invitation.admits(tenantId, registration.email(), now)
                                            ? redeem(invitation, registration, passwordHash, now)
                                            : Uni.createFrom().item(false);
                                })));
    }

    /** Takes the invitation (one registration wins), drops the address's other invitations, creates the account. */
    private Uni<Boolean> redeem(Invitation invitation, Registration registration, String passwordHash, Instant now) {
        return invitations
                .redeem(invitation.id, now)
                .chain(taken -> taken == 0
                        ? Uni.createFrom().item(false)
                        : invitations
                                .deleteForEmail(invitation.tenantId, invitation.email)
                                .chain(() -> insert(registration, invitation.role, passwordHash))
                                .replaceWith(true));
    }

    private Uni<UserAccount> insert(Registration registration, Role role, String passwordHash) {
        return insert(
                new NewAccount(
                        registration.tenantId(),
                        registration.email(),
                        registration.password(),
                        registration.displayName(),
                        role),
                passwordHash);
    }

    /**
     * Creates an account and puts its UserRegistered in the outbox, inside the caller's transaction; the tenant must
     * exist. The caller runs {@link #relayEvents()} after the commit.
     */
    Uni<UserAccount> create(NewAccount account, String passwordHash) {
        return users.findByEmail(account.tenantId(), account.email())
                .onItem()
                .ifNotNull()
                .failWith(AccountService::duplicateEmail)
                .chain(() -> insert(account, passwordHash))
                .onFailure(AccountService::isUniqueViolation)
                .transform(e -> duplicateEmail());
    }

    private Uni<UserAccount> insert(NewAccount account, String passwordHash) {
        var now = Instant.now();
        var user = new UserAccount();
        user.id = UUID.randomUUID();
        user.tenantId = account.tenantId();
        user.email = account.email().trim();
        user.emailNormalised = UserAccount.normalise(account.email());
        user.displayName = account.displayName().trim();
        user.passwordHash = passwordHash;
        user.roles = EnumSet.of(account.role());
        user.createdAt = now;
        user.updatedAt = now;
        return users.persistAndFlush(user).call(created -> announce(UserRegistered.of(created)));
    }

    /** The caller's own account (404 once it was deleted). */
    public Uni<UserAccount> me(Caller caller) {
        return find(caller, caller.userId());
    }

    /** A user of the caller's tenant, for its teachers and admins. */
    public Uni<UserAccount> get(Caller caller, UUID id) {
        if (!caller.isAdmin() && !caller.hasRole(Roles.TEACHER)) {
            return Uni.createFrom().failure(Problems.roleRequired("Only teachers and admins look users up."));
        }
        return find(caller, id);
    }

    public Uni<UserPage> list(Caller caller, int page, int size) {
        if (!caller.isAdmin()) {
            return adminOnly();
        }
        return users.page(caller.tenantId(), page, size)
                .chain(items -> users.countInTenant(caller.tenantId()).map(total -> new UserPage(items, total)));
    }

    public Uni<UserAccount> updateDisplayName(Caller caller, String displayName) {
        return change(caller, caller.userId(), user -> {
            user.displayName = displayName.trim();
            return Uni.createFrom().voidItem();
        });
    }

    /** Checks the current password, stores the new one and ends every session of the user. */
    public Uni<Void> changePassword(Caller caller, String currentPassword, String newPassword) {
        return me(caller)
                .chain(user -> hasher.matches(currentPassword, user.passwordHash)
                        .chain(ok -> ok
                                ? checkPolicy(newPassword, user.email)
                                : Uni.createFrom()
                                        .failure(Problems.forbidden(
                                                "wrong-current-password", "The current password is wrong."))))
                .chain(() -> hasher.hash(newPassword))
                .chain(hash -> Panache.withTransaction(() -> me(caller)
                        .invoke(user -> {
                            user.passwordHash = hash;
                            user.updatedAt = Instant.now();
                        })
                        .call(user ->
                                refreshTokens.revokeAllOfUser(user.id, Revocation.PASSWORD_CHANGED, Instant.now()))))
                .replaceWithVoid();
    }

    public Uni<UserAccount> setRoles(Caller caller, UUID id, Set<Role> roles) {
        if (!caller.isAdmin()) {
            return adminOnly();
        }
        if (caller.userId().equals(id) && !roles.contains(Role.ADMIN)) {
            return Uni.createFrom()
                    .failure(Problems.conflict("own-admin-role", "An admin cannot remove their own ADMIN role."));
        }
        return change(caller, id, user -> {
            user.roles = EnumSet.copyOf(roles);
            return Uni.createFrom().voidItem();
        });
    }

    /** Disabling also revokes every refresh token; existing access tokens expire on their own. */
    public Uni<UserAccount> setDisabled(Caller caller, UUID id, boolean disabled) {
        if (!caller.isAdmin()) {
            return adminOnly();
        }
        if (caller.userId().equals(id)) {
            return Uni.createFrom()
                    .failure(Problems.conflict("own-account", "An admin cannot disable or enable their own account."));
        }
        return change(caller, id, user -> {
            user.disabled = disabled;
            return disabled
                    ? refreshTokens
                            .revokeAllOfUser(user.id, Revocation.DISABLED, Instant.now())
                            .replaceWithVoid()
                    : Uni.createFrom().voidItem();
        });
    }

    /** Erases the account and its refresh tokens and publishes UserDeleted. */
    public Uni<Void> delete(Caller caller, UUID id) {
        if (!caller.isAdmin()) {
            return adminOnly();
        }
        if (caller.userId().equals(id)) {
            return Uni.createFrom()
                    .failure(Problems.conflict("own-account", "An admin cannot delete their own account."));
        }
        return Panache.withTransaction(() -> find(caller, id)
                        .call(user -> refreshTokens.deleteAllOfUser(user.id))
                        .call(users::delete)
                        .call(users::flush)
                        .call(user -> announce(UserDeleted.of(user)))
                        .replaceWithVoid())
                .invoke(relay::relaySoon);
    }

    /** After the commit of a transaction that created accounts with {@code create}. */
    void relayEvents() {
        relay.relaySoon();
    }

    private Uni<UserAccount> change(Caller caller, UUID id, Function<UserAccount, Uni<?>> mutation) {
        return Panache.withTransaction(() -> find(caller, id)
                        .call(mutation)
                        .invoke(user -> user.updatedAt = Instant.now())
                        .call(users::flush)
                        .call(user -> announce(UserUpdated.of(user))))
                .invoke(relay::relaySoon)
                .onFailure(OptimisticLockException.class)
                .transform(e -> Problems.conflict("concurrent-update", "The user was changed meanwhile; retry."));
    }

    /** Only ever within the caller's tenant: another tenant's user is as unknown as a user that does not exist. */
    private Uni<UserAccount> find(Caller caller, UUID id) {
        return users.findInTenant(caller.tenantId(), id).onItem().ifNull().failWith(Problems::userNotFound);
    }

    private static <T> Uni<T> adminOnly() {
        return Uni.createFrom().failure(Problems.roleRequired("Only admins of the tenant manage its users."));
    }

    /** Stores the event in the outbox, in the transaction of the change it announces. */
    private Uni<Void> announce(UserEvent event) {
        return outbox.add(UserEvent.TOPIC, event.userId().toString(), event);
    }

    private Uni<Void> checkPolicy(String password, String email) {
        return policy.violation(password, email)
                .map(reason -> Uni.createFrom().<Void>failure(Problems.badRequest("weak-password", reason)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private static RuntimeException duplicateEmail() {
        return Problems.conflict("duplicate-email", "An account with this email already exists in the tenant.");
    }

    /** A concurrent registration of the same email loses on the unique index. */
    private static boolean isUniqueViolation(Throwable failure) {
        for (var t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException
                    || (t instanceof PgException pg && "23505".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
