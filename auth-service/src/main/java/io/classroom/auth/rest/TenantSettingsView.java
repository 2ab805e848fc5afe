package io.classroom.auth.rest;

import io.classroom.auth.Tenant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's settings: whether anyone may register as STUDENT without an invitation. */
public record TenantSettingsView(
        @Schema(example = "school-1") String tenantId,

        @Schema(description = "Whether anyone may register as STUDENT without an invitation", example = "false")
        boolean selfRegistration) {

    static TenantSettingsView of(Tenant tenant) {
        return new TenantSettingsView(tenant.id, tenant.selfRegistration);
    }
}
