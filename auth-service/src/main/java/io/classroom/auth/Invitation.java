package io.classroom.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin's invitation for one email address to join the tenant with a role (the only way to a TEACHER or ADMIN
 * account besides a role grant). Single use: registering with its code deletes it. Only the SHA-256 of the code is
 * stored; the code itself is shown once, to the admin who created it.
 */
@Entity
@Table(name = "invitations")
public class Invitation extends PanacheEntityBase {

    /** How long an invitation stays valid when the admin does not say. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

    /** The longest validity an admin may give. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(30);

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false, length = 320)
    public String email;

    @Column(name = "email_normalised", nullable = false, length = 320)
    public String emailNormalised;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Role role;

    @Column(name = "code_hash", nullable = false, unique = true, length = 64)
    public String codeHash;

    /** The admin who invited. */
    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Whether this invitation lets {@code email} join {@code tenantId} at {@code now}. */
    public boolean admits(String tenantId, String email, Instant now) {
        return this.tenantId.equals(tenantId)
                && emailNormalised.equals(UserAccount.normalise(email))
                && now.isBefore(expiresAt);
    }
}
