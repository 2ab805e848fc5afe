package io.classroom.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A refresh token to rotate or revoke. */
public record RefreshTokenRequest(@NotBlank @Size(max = 256) String refreshToken) {}
