package io.classroom.classroom;

/** Why a class session ended, as published in {@code ClassSessionEnded}. */
public enum EndReason {
    DEACTIVATED,
    PLANNED_END,
    CLASS_DELETED
}
