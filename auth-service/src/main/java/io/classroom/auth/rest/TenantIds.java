package io.classroom.auth.rest;

/** The shape of tenant ids: lower-case slugs, as in the {@code tenant} claim and every event. */
final class TenantIds {

    static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";
    static final String MESSAGE = "must be 1-64 lower-case letters, digits or '-', starting with a letter or digit";

    private TenantIds() {}
}
