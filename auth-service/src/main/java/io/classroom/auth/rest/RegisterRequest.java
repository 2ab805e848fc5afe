package io.classroom.auth.rest;

import io.classroom.auth.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Self-registration (STUDENT or TEACHER; ADMIN only when an admin of the tenant calls). */
public record RegisterRequest(
        @NotBlank @Pattern(regexp = TenantIds.PATTERN, message = TenantIds.MESSAGE)
        String tenant,

        @NotBlank @Email @Size(max = 320) String email,
        @NotNull @Size(max = 128) String password,
        @NotBlank @Size(max = 120) String displayName,
        @NotNull Role role) {}
