package io.classroom.classroom;

import java.time.Instant;

/** A student on a class roster, with the name shown to the teacher. */
public class Enrolment {

    public String userId;
    public String displayName;
    public Instant joinedAt;

    public Enrolment() {}

    public Enrolment(String userId, String displayName, Instant joinedAt) {
        this.userId = userId;
        this.displayName = displayName;
        this.joinedAt = joinedAt;
    }
}
