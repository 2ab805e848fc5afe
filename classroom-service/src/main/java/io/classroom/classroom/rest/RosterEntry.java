package io.classroom.classroom.rest;

import io.classroom.classroom.Enrolment;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A student on a class roster. */
public record RosterEntry(
        @Schema(example = "9b2f4e6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b")
        String userId,

        @Schema(example = "Ada Lovelace") String displayName,
        @Schema(example = "2026-09-01T07:55:00Z") Instant joinedAt) {

    public static RosterEntry of(Enrolment e) {
        return new RosterEntry(e.userId, e.displayName, e.joinedAt);
    }

    public static List<RosterEntry> listOf(List<Enrolment> students) {
        return students.stream().map(RosterEntry::of).toList();
    }
}
