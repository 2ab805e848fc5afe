package io.classroom.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Credentials; emails are unique per tenant, so the tenant is part of them. */
public record LoginRequest(
        @NotBlank @Size(max = 64) String tenant,
        @NotBlank @Size(max = 320) String email,
        @NotNull @Size(max = 128) String password) {}
