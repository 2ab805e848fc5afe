package io.classroom.auth.rest;

import io.classroom.auth.Tenant;
import java.time.Instant;

/** A tenant. */
public record TenantView(String id, String name, Instant createdAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id, tenant.name, tenant.createdAt);
    }
}
