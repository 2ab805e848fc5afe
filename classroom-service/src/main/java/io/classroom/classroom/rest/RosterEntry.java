package io.classroom.classroom.rest;

import io.classroom.classroom.Enrolment;
import java.time.Instant;

/** A student on a class roster. */
public record RosterEntry(String userId, String displayName, Instant joinedAt) {

    public static RosterEntry of(Enrolment e) {
        return new RosterEntry(e.userId, e.displayName, e.joinedAt);
    }
}
