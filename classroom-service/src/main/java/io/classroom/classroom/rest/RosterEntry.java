package io.classroom.classroom.rest;

import io.classroom.classroom.Enrolment;
import java.time.Instant;
import java.util.List;

/** A student on a class roster. */
public record RosterEntry(String userId, String displayName, Instant joinedAt) {

    public static RosterEntry of(Enrolment e) {
        return new RosterEntry(e.userId, e.displayName, e.joinedAt);
    }

    public static List<RosterEntry> listOf(List<Enrolment> students) {
        return students.stream().map(RosterEntry::of).toList();
    }
}
