package io.classroom.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An access token to check. */
public record IntrospectRequest(@NotBlank @Size(max = 8192) String token) {}
