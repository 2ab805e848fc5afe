package io.classroom.auth.repository;

import io.classroom.auth.Tenant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

/** Tenants by id. */
@ApplicationScoped
@WithSession
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {}
