package io.classroom.analytics.rest;

/** Role names of the access tokens' {@code groups}. */
final class Roles {
    static final String ADMIN = "ADMIN";
    static final String TEACHER = "TEACHER";
    static final String STUDENT = "STUDENT";

    private Roles() {}
}
