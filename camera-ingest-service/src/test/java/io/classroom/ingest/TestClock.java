package io.classroom.ingest;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock in tests (it replaces the system clock bean): the system time, unless a test holds it still so
 * that what depends on the time window (webcam rate limits) no longer depends on how fast the test runs.
 */
@Singleton
public class TestClock implements InstantSource {

    private volatile Instant held;

    @Override
    public Instant instant() {
        var now = held;
        return now == null ? Instant.now() : now;
    }

    /** Holds the clock at the start of the current second. */
    public void hold() {
        held = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public void advance(Duration duration) {
        held = held.plus(duration);
    }

    public void release() {
        held = null;
    }
}
