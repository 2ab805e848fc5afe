package io.classroom.auth.service;

import io.classroom.auth.PasswordPolicy;
import io.classroom.auth.Role;
import io.classroom.auth.Tenant;
import io.classroom.auth.config.AuthConfig;
import io.classroom.auth.error.Problems;
import io.classroom.auth.repository.TenantRepository;
import io.classroom.auth.repository.UserRepository;
import io.classroom.auth.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Tenants exist only when created: the operator tenant from {@code auth.bootstrap.*} at start, the others by an admin
 * of the operator tenant, each with its first admin. Each tenant's admins decide its settings.
 */
@ApplicationScoped
public class TenantService {

    private final TenantRepository tenants;
    private final UserRepository users;
    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AuthConfig.Bootstrap bootstrap;

    TenantService(
            TenantRepository tenants,
            UserRepository users,
            AccountService accounts,
            PasswordHasher hasher,
            PasswordPolicy policy,
            AuthConfig config) {
        this.tenants = tenants;
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.bootstrap = config.bootstrap();
    }

    /** A new tenant with its first admin; only admins of the operator tenant may do it. */
    public Uni<Tenant> create(Caller caller, String tenantId, String name, NewAccount admin) {
        if (!caller.isAdminOf(bootstrap.tenantId())) {
            return Uni.createFrom()
                    .failure(Problems.forbidden(
                            "operator-only", "Only admins of the operator tenant can create tenants."));
        }
        var weak = policy.violation(admin.password(), admin.email());
        if (weak.isPresent()) {
            return Uni.createFrom().failure(Problems.badRequest("weak-password", weak.get()));
        }
        return hasher.hash(admin.password())
                .chain(hash -> Panache.withTransaction(() -> tenants.findById(tenantId)
                        .onItem()
                        .ifNotNull()
                        .failWith(() -> Problems.conflict("duplicate-tenant", "Tenant '" + tenantId + "' exists."))
                        .chain(() -> tenants.persist(newTenant(tenantId, name)))
                        .call(tenant -> accounts.create(
                                new NewAccount(
                                        tenantId, admin.email(), admin.password(), admin.displayName(), Role.ADMIN),
                                hash))))
                .invoke(accounts::relayEvents);
    }

    /** The caller's tenant, with its settings; admins only. */
    public Uni<Tenant> settings(Caller caller) {
        if (!caller.isAdmin()) {
            return settingsAdminOnly();
        }
        return tenants.findById(caller.tenantId()).onItem().ifNull().failWith(Problems::tenantNotFound);
    }

    /** Turns self-registration (STUDENT accounts without an invitation) on or off in the caller's tenant. */
    public Uni<Tenant> updateSettings(Caller caller, boolean selfRegistration) {
        if (!caller.isAdmin()) {
            return settingsAdminOnly();
        }
        return Panache.withTransaction(() -> tenants.findById(caller.tenantId())
                        .onItem()
                        .ifNull()
                        .failWith(Problems::tenantNotFound)
                        .invoke(tenant -> tenant.selfRegistration = selfRegistration))
                .invoke(tenant -> Log.infof(
                        "Self-registration in tenant '%s' turned %s by %s",
                        tenant.id, selfRegistration ? "on" : "off", caller.userId()));
    }

    /** Creates the operator tenant and, when a password is configured, its admin; both only when absent. */
    public Uni<Void> bootstrap() {
        var tenantId = bootstrap.tenantId();
        var ensureTenant = Panache.withTransaction(() -> tenants.findById(tenantId)
                .onItem()
                .ifNull()
                .switchTo(() -> tenants.persist(newTenant(tenantId, bootstrap.tenantName()))
                        .invoke(t -> Log.infof("Created the bootstrap tenant '%s'", tenantId))));
        if (bootstrap.adminPassword().isEmpty()) {
            return ensureTenant
                    .invoke(() -> Log.warn("auth.bootstrap.admin-password is not set: no bootstrap admin"))
                    .replaceWithVoid();
        }
        var admin = new NewAccount(
                tenantId,
                bootstrap.adminEmail(),
                bootstrap.adminPassword().get(),
                bootstrap.adminDisplayName(),
                Role.ADMIN);
        return ensureTenant
                .chain(() -> users.findByEmail(tenantId, admin.email()))
                .chain(existing -> existing != null
                        ? Uni.createFrom().voidItem()
                        : hasher.hash(admin.password())
                                .chain(hash -> Panache.withTransaction(() -> accounts.create(admin, hash)))
                                .invoke(accounts::relayEvents)
                                .invoke(user -> Log.infof("Created the bootstrap admin %s", user.email))
                                .replaceWithVoid());
    }

    private static <T> Uni<T> settingsAdminOnly() {
        return Uni.createFrom().failure(Problems.roleRequired("Only admins of the tenant change its settings."));
    }

    private static Tenant newTenant(String id, String name) {
        var tenant = new Tenant();
        tenant.id = id;
        tenant.name = name;
        tenant.createdAt = Instant.now();
        return tenant;
    }
}
