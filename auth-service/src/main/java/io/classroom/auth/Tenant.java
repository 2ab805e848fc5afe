package io.classroom.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A school (or any organisation) whose users and data are isolated from every other tenant. */
@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

    @Id
    @Column(length = 64)
    public String id;

    @Column(nullable = false, length = 120)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * Whether anyone may create a STUDENT account here without an invitation. Off unless the tenant's admin turns it
     * on: a school decides who joins it.
     */
    @Column(name = "self_registration", nullable = false)
    public boolean selfRegistration;
}
