package io.classroom.classroom;

import java.time.Instant;

/**
 * The latest scheduled occurrence of a class that the scheduler started, inside the class document. It is written by
 * the same conditional update that claims the class for the occurrence's session, so the occurrence itself is the
 * lock: a second replica, a second tick or a restart finds it taken and starts nothing. A claim whose session was
 * never stored (a crash between the two writes) is taken over after a while, like a camera claim.
 */
public class OccurrenceClaim {

    /** The occurrence's scheduled start. */
    public Instant start;

    public String sessionId;
    public Instant claimedAt;
}
