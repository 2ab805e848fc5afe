package io.classroom.auth.service;

import io.classroom.auth.Role;

/** What it takes to create an account. */
public record NewAccount(String tenantId, String email, String password, String displayName, Role role) {}
