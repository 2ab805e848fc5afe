package io.classroom.classroom.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The service's time, at the precision MongoDB stores (milliseconds), so what a response shows equals what is stored.
 * A bean, so that tests drive the scheduler and every rule that reads the time with a clock they move.
 */
@ApplicationScoped
public class Clock {

    private final java.time.Clock source;

    public Clock() {
        this(java.time.Clock.systemUTC());
    }

    /** A clock reading {@code source} (tests install one whose time they set). */
    public Clock(java.time.Clock source) {
        this.source = source;
    }

    public Instant now() {
        return source.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
