package io.classroom.auth;

/** Roles of the suite; they travel in the {@code groups} claim. */
public enum Role {
    ADMIN,
    TEACHER,
    STUDENT
}
