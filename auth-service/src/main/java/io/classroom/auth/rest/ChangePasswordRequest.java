package io.classroom.auth.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The current password proves it is the user; the new one must pass the policy. */
public record ChangePasswordRequest(
        @NotNull @Size(max = 128) String currentPassword,
        @NotNull @Size(max = 128) String newPassword) {}
