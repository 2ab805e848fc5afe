package io.classroom.auth.rest;

import io.classroom.auth.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Joining a tenant: as STUDENT where the tenant allows self-registration, or with an admin's invitation code (the
 * invitation gives the role). {@code role} may be left out; anything but STUDENT is refused.
 */
public record RegisterRequest(
        @NotBlank @Pattern(regexp = TenantIds.PATTERN, message = TenantIds.MESSAGE)
        String tenant,

        @NotBlank @Email @Size(max = 320) String email,
        @NotNull @Size(max = 128) String password,
        @NotBlank @Size(max = 120) String displayName,
        Role role,
        @Size(min = 1, max = 128) String invitationCode) {}
