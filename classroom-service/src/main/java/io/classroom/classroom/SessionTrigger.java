package io.classroom.classroom;

/** Who started a class session, as published in {@code ClassSessionStarted}. */
public enum SessionTrigger {
    /** The scheduler, at a scheduled start of the class. */
    SCHEDULE,
    /** A teacher or an admin, by hand. */
    MANUAL
}
