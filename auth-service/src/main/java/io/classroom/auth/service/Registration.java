package io.classroom.auth.service;

import io.classroom.auth.Role;

/**
 * A request to join a tenant: self-registration ({@code invitationCode} null) or with an admin's invitation.
 * {@code requestedRole} is what the request named, if anything: only STUDENT may be asked for.
 */
public record Registration(
        String tenantId,
        String email,
        String password,
        String displayName,
        Role requestedRole,
        String invitationCode) {}
