package io.classroom.tracking;

/**
 * Tunables of the attendance rules, in milliseconds.
 *
 * @param gapToleranceMs two sightings of a student at most this far apart count the time between them as present
 * @param smoothingMs attentiveness must hold (or be absent) this long before the engaged state flips
 * @param sourceGapMs no frame from any source of the session for longer than this is a camera outage
 * @param leftEarlyMs a student last seen more than this before the end left early
 */
public record AttendanceRules(long gapToleranceMs, long smoothingMs, long sourceGapMs, long leftEarlyMs) {

    public static AttendanceRules defaults() {
        return new AttendanceRules(10_000, 3_000, 8_000, 300_000);
    }
}
