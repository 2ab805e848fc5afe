package io.classroom.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The fields a user may change about themselves. */
public record UpdateProfileRequest(
        @NotBlank @Size(max = 120) String displayName) {}
