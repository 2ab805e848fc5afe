package io.classroom.auth.rest;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The settings an admin changes for their tenant. */
public record TenantSettingsRequest(
        @NotNull @Schema(example = "true") Boolean selfRegistration) {}
