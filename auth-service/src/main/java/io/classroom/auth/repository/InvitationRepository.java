package io.classroom.auth.repository;

import io.classroom.auth.Invitation;
import io.classroom.auth.UserAccount;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Invitations, looked up by the hash of their code or within one tenant. */
@ApplicationScoped
@WithSession
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    public Uni<Invitation> findByCodeHash(String codeHash) {
        return find("codeHash", codeHash).firstResult();
    }

    /** The tenant's invitations that can still be used, oldest first. */
    public Uni<List<Invitation>> open(String tenantId, Instant now) {
        return find("tenantId = ?1 and expiresAt > ?2", Sort.by("createdAt").and("id"), tenantId, now)
                .list();
    }

    /** Revokes one invitation of the tenant; 0 when the tenant has no such invitation. */
    public Uni<Long> deleteInTenant(String tenantId, UUID id) {
        return delete("tenantId = ?1 and id = ?2", tenantId, id);
    }

    /**
     * Uses an invitation up: 1 when this call took it, 0 when it expired or another registration took it first (a
     * single DELETE, so two registrations with one code cannot both win).
     */
    public Uni<Long> redeem(UUID id, Instant now) {
        return delete("id = ?1 and expiresAt > ?2", id, now);
    }

    /** Once the address has an account, its other invitations are of no use. */
    public Uni<Long> deleteForEmail(String tenantId, String email) {
        return delete("tenantId = ?1 and emailNormalised = ?2", tenantId, UserAccount.normalise(email));
    }

    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
