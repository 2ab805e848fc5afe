package io.classroom.classroom.security;

/** Role names of the access tokens' {@code groups} claim, for {@code @RolesAllowed} and {@link Caller}. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String TEACHER = "TEACHER";
    public static final String STUDENT = "STUDENT";

    private Roles() {}
}
