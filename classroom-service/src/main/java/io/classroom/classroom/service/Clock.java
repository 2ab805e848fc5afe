package io.classroom.classroom.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at the precision MongoDB stores (milliseconds), so what a response shows equals what is stored. */
public final class Clock {

    private Clock() {}

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
