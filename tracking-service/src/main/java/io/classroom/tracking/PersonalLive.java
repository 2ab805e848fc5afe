package io.classroom.tracking;

import java.time.Instant;
import java.util.List;

/**
 * What a personal session's live feed shows its owner: the session's state (ACTIVE, PAUSED, ENDED), the latest frame
 * used (capture time, face found, gaze direction, attentive), the current activity (the latest one the client
 * reported, else inferred from the recent timeline as {@link ActivityInference} does), focus and distraction so far
 * and the focus share of the covered time; {@code frameIgnored} says why the latest frame was not used ("PAUSED":
 * taken while the session was paused), null when it was.
 */
public record PersonalLive(
        String state,
        Instant capturedAt,
        boolean faceFound,
        String gazeDirection,
        boolean attentive,
        String activity,
        String activitySource,
        long focusSeconds,
        long distractionSeconds,
        double focusPct,
        String frameIgnored) {

    /** Frames taken while the session is paused are ignored. */
    public static final String IGNORED_PAUSED = "PAUSED";

    /**
     * The live view of a running (or paused) session from its recent samples (sorted, the latest last), the latest
     * reported activity (null when none) and the progress so far.
     */
    public static PersonalLive of(
            String state,
            List<TimelineSample> recent,
            PersonalReport.Reported reported,
            PersonalProgress progress,
            String frameIgnored) {
        TimelineSample latest = recent.isEmpty() ? null : recent.get(recent.size() - 1);
        String activity = reported != null ? reported.activity() : ActivityInference.current(recent);
        String source = reported != null ? "REPORTED" : activity == null ? null : "INFERRED";
        return new PersonalLive(
                state,
                latest == null ? null : Instant.ofEpochMilli(latest.t()),
                latest != null && latest.face(),
                latest == null || !latest.face() ? null : latest.gaze(),
                latest != null && latest.face() && latest.attentive(),
                activity,
                source,
                progress.focusMs / 1000,
                progress.distractionMs / 1000,
                progress.focusPct(),
                frameIgnored);
    }

    /** An ended session: its report's figures, nothing live any more. */
    public static PersonalLive ended(long focusSeconds, long distractionSeconds) {
        long covered = focusSeconds + distractionSeconds;
        double pct = covered == 0 ? 0 : Math.round(focusSeconds * 10000.0 / covered) / 100.0;
        return new PersonalLive(
                "ENDED", null, false, null, false, null, null, focusSeconds, distractionSeconds, pct, null);
    }
}
