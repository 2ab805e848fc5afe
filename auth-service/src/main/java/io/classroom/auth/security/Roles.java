package io.classroom.auth.security;

/**
 * Role names of the access tokens' {@code groups} claim, for {@code @RolesAllowed} and {@link Caller}; the same names
 * as the domain's {@code Role} values.
 */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String TEACHER = "TEACHER";
    public static final String STUDENT = "STUDENT";

    private Roles() {}
}
