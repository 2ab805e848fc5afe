package io.classroom.auth.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new tenant and its first admin. */
public record CreateTenantRequest(
        @NotBlank @Pattern(regexp = TenantIds.PATTERN, message = TenantIds.MESSAGE)
        String id,

        @NotBlank @Size(max = 120) String name,
        @NotNull @Valid FirstAdmin admin) {

    /** The tenant's first admin account. */
    public record FirstAdmin(
            @NotBlank @Email @Size(max = 320) String email,
            @NotNull @Size(max = 128) String password,
            @NotBlank @Size(max = 120) String displayName) {}
}
