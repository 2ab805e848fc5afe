package io.classroom.auth.rest;

import io.classroom.auth.Role;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/** The complete new role set of a user. */
public record RolesRequest(@NotEmpty Set<@NotNull Role> roles) {}
