package io.classroom.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** An account of one tenant. The email is unique per tenant, case-insensitively (normalised column). */
@Entity
@Table(
        name = "users",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uk_users_tenant_email",
                        columnNames = {"tenant_id", "email_normalised"}))
public class UserAccount extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false, length = 320)
    public String email;

    @Column(name = "email_normalised", nullable = false, length = 320)
    public String emailNormalised;

    @Column(name = "display_name", nullable = false, length = 120)
    public String displayName;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    @Convert(converter = RolesConverter.class)
    @Column(nullable = false, length = 64)
    public Set<Role> roles;

    @Column(nullable = false)
    public boolean disabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** The form emails are compared and indexed in. */
    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
