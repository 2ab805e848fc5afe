package io.classroom.auth.repository;

import io.classroom.auth.RefreshToken;
import io.classroom.auth.RefreshToken.Revocation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Refresh tokens by hash; revocations are single UPDATEs so concurrent refreshes cannot both win. */
@ApplicationScoped
@WithSession
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Uni<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** Revokes one token if it is still active; 1 when this call revoked it. */
    public Uni<Integer> revokeIfActive(UUID id, Revocation why, Instant now) {
        return update("revokedAt = ?1, revocation = ?2 where id = ?3 and revokedAt is null", now, why, id);
    }

    public Uni<Integer> revokeFamily(UUID familyId, Revocation why, Instant now) {
        return update("revokedAt = ?1, revocation = ?2 where familyId = ?3 and revokedAt is null", now, why, familyId);
    }

    public Uni<Integer> revokeAllOfUser(UUID userId, Revocation why, Instant now) {
        return update("revokedAt = ?1, revocation = ?2 where userId = ?3 and revokedAt is null", now, why, userId);
    }

    public Uni<Long> deleteAllOfUser(UUID userId) {
        return delete("userId", userId);
    }
}
