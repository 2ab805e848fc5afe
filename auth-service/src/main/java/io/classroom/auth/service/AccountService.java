package io.classroom.auth.service;

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
import io.classroom.auth.repository.RefreshTokenRepository;
import io.classroom.auth.repository.TenantRepository;
import io.classroom.auth.repository.UserRepository;
import io.classroom.auth.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Accounts: registration, profile, password, and the admin operations. Every change is announced on Kafka through the
 * outbox: its event is stored in the change's transaction and relayed after the commit.
 */
@ApplicationScoped
public class AccountService {

    /** One page of users and the tenant's total. */
    public record UserPage(List<UserAccount> items, long total) {}

    private final UserRepository users;
    private final TenantRepository tenants;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Outbox outbox;
    private final OutboxRelay relay;

    AccountService(
            UserRepository users,
            TenantRepository tenants,
            RefreshTokenRepository refreshTokens,
            PasswordHasher hasher,
            PasswordPolicy policy,
            Outbox outbox,
            OutboxRelay relay) {
        this.users = users;
        this.tenants = tenants;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.policy = policy;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Self-registration as STUDENT or TEACHER; ADMIN only when an admin of that tenant calls. */
    public Uni<UserAccount> register(NewAccount account, Optional<Caller> caller) {
        if (account.role() == Role.ADMIN
                && caller.filter(c -> c.isAdminOf(account.tenantId())).isEmpty()) {
            return Uni.createFrom()
                    .failure(Problems.forbidden(
                            "admin-registration-forbidden", "Only an admin of the tenant can register an ADMIN."));
        }
        return checkPolicy(account.password(), account.email())
                .chain(() -> hasher.hash(account.password()))
                .chain(hash -> Panache.withTransaction(() -> tenants.findById(account.tenantId())
                        .onItem()
                        .ifNull()
                        .failWith(() -> Problems.badRequest(
                                "unknown-tenant", "Tenant '" + account.tenantId() + "' does not exist."))
                        .chain(tenant -> create(account, hash))))
                .invoke(relay::relaySoon);
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
                .chain(() -> {
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
                    return users.persistAndFlush(user);
                })
                .call(user -> announce(UserRegistered.of(user)))
                .onFailure(AccountService::isUniqueViolation)
                .transform(e -> duplicateEmail());
    }

    public Uni<UserAccount> get(Caller caller, UUID id) {
        return users.findInTenant(caller.tenantId(), id).onItem().ifNull().failWith(Problems::userNotFound);
    }

    public Uni<UserPage> list(Caller caller, int page, int size) {
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
        return get(caller, caller.userId())
                .chain(user -> hasher.matches(currentPassword, user.passwordHash)
                        .chain(ok -> ok
                                ? checkPolicy(newPassword, user.email)
                                : Uni.createFrom()
                                        .failure(Problems.forbidden(
                                                "wrong-current-password", "The current password is wrong."))))
                .chain(() -> hasher.hash(newPassword))
                .chain(hash -> Panache.withTransaction(() -> get(caller, caller.userId())
                        .invoke(user -> {
                            user.passwordHash = hash;
                            user.updatedAt = Instant.now();
                        })
                        .call(user ->
                                refreshTokens.revokeAllOfUser(user.id, Revocation.PASSWORD_CHANGED, Instant.now()))))
                .replaceWithVoid();
    }

    public Uni<UserAccount> setRoles(Caller caller, UUID id, Set<Role> roles) {
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
        if (caller.userId().equals(id)) {
            return Uni.createFrom()
                    .failure(Problems.conflict("own-account", "An admin cannot delete their own account."));
        }
        return Panache.withTransaction(() -> get(caller, id)
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
        return Panache.withTransaction(() -> get(caller, id)
                        .call(mutation)
                        .invoke(user -> user.updatedAt = Instant.now())
                        .call(users::flush)
                        .call(user -> announce(UserUpdated.of(user))))
                .invoke(relay::relaySoon)
                .onFailure(OptimisticLockException.class)
                .transform(e -> Problems.conflict("concurrent-update", "The user was changed meanwhile; retry."));
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
