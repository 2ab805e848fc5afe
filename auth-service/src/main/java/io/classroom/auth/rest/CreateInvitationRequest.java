package io.classroom.auth.rest;

import io.classroom.auth.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Whom to invite, with which role, for how many days (7 when left out, at most 30). */
public record CreateInvitationRequest(
        @NotBlank @Email @Size(max = 320) String email,
        @NotNull Role role,
        @Min(1) @Max(30) Integer expiresInDays) {}
