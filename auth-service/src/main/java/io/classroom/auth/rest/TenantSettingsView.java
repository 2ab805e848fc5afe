package io.classroom.auth.rest;

import io.classroom.auth.Tenant;

/** A tenant's settings: whether anyone may register as STUDENT without an invitation. */
public record TenantSettingsView(String tenantId, boolean selfRegistration) {

    static TenantSettingsView of(Tenant tenant) {
        return new TenantSettingsView(tenant.id, tenant.selfRegistration);
    }
}
