package io.classroom.classroom;

import java.time.Instant;

/** One session of a class's schedule: from {@code start} to {@code end} (start plus the schedule's duration). */
public record Occurrence(Instant start, Instant end) {}
