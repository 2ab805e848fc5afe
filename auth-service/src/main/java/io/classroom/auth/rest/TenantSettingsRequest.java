package io.classroom.auth.rest;

import jakarta.validation.constraints.NotNull;

/** The settings an admin changes for their tenant. */
public record TenantSettingsRequest(@NotNull Boolean selfRegistration) {}
