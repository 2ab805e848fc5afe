package io.classroom.auth.rest;

import io.classroom.auth.Tenant;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant. */
public record TenantView(
        @Schema(example = "school-1") String id,
        @Schema(example = "School One") String name,
        @Schema(example = "2026-09-01T08:00:00Z") Instant createdAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id, tenant.name, tenant.createdAt);
    }
}
