package io.classroom.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One refresh token, stored as the SHA-256 of the opaque value. Tokens that descend from one login share a family, so
 * the reuse of a rotated token can revoke all of them.
 */
@Entity
@Table(
        name = "refresh_tokens",
        indexes = {
            @Index(name = "ix_refresh_tokens_user", columnList = "user_id"),
            @Index(name = "ix_refresh_tokens_family", columnList = "family_id")
        })
public class RefreshToken extends PanacheEntityBase {

    /** Why a token stopped being usable. */
    public enum Revocation {
        ROTATED,
        LOGOUT,
        REUSE_DETECTED,
        PASSWORD_CHANGED,
        DISABLED
    }

    @Id
    public UUID id;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    public String tokenHash;

    @Column(name = "family_id", nullable = false)
    public UUID familyId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "tenant_id", nullable = false, length = 64)
    public String tenantId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "revocation", length = 20)
    public Revocation revocation;
}
