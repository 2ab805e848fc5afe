package io.classroom.classroom;

/** Lifecycle of a class session. */
public enum SessionState {
    ACTIVE,
    ENDED
}
