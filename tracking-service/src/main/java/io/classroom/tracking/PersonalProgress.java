package io.classroom.tracking;

import java.util.List;

/**
 * Focus and distraction of a running personal session so far, kept up to date sample by sample for the live feed
 * (the end report recomputes them exactly from the whole timeline, {@link PersonalReport}). As in the report, each
 * sample stands for the time to the next one, at most the gap tolerance, without pauses: FOCUS when the face was
 * there and attentive, DISTRACTION otherwise. Stored as JSON in Redis; times are epoch milliseconds.
 */
public class PersonalProgress {
    /** The latest sample so far, and whether it was focused. */
    public Long lastT;

    public boolean lastFocus;
    public long focusMs;
    public long distractionMs;

    /** Adds a sample; one older than the latest adds nothing (its time is already counted). */
    public void add(TimelineSample sample, long gapMs, List<PersonalReport.Span> pauses) {
        if (lastT != null && sample.t() <= lastT) {
            return;
        }
        if (lastT != null) {
            long to = Math.min(sample.t(), lastT + gapMs);
            long span = to - lastT - pausedWithin(lastT, to, pauses);
            if (lastFocus) {
                focusMs += span;
            } else {
                distractionMs += span;
            }
        }
        lastT = sample.t();
        lastFocus = sample.face() && sample.attentive();
    }

    /** Focus as a share (percent, two decimals) of the time the webcam covered so far; 0 before any. */
    public double focusPct() {
        long covered = focusMs + distractionMs;
        return covered == 0 ? 0 : Math.round(focusMs * 10000.0 / covered) / 100.0;
    }

    private static long pausedWithin(long from, long to, List<PersonalReport.Span> pauses) {
        long total = 0;
        for (PersonalReport.Span pause : pauses) {
            long end = pause.to() == null ? to : pause.to();
            total += Math.max(0, Math.min(to, end) - Math.max(from, pause.from()));
        }
        return total;
    }
}
