package io.classroom.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of a personal tracking session. Active time is the session minus its pauses. Webcam samples taken
 * while paused are ignored. Each webcam sample stands for the time until the next one (at most {@code gapMs}; the
 * last one for one second), clipped to the active time: FOCUS when the face is there and attentive, DISTRACTION
 * otherwise; time without any sample counts as neither. Activities come from the client's reports (each lasts until
 * the next report) or, when there are none, from {@link ActivityInference}.
 */
public record PersonalReport(
        long activeSeconds, long focusSeconds, long distractionSeconds, Map<String, Long> activities, String source) {

    /** A closed (or, with {@code to} null, still open) time span in epoch ms. */
    public record Span(long from, Long to) {}

    /** A client-reported activity change. */
    public record Reported(String activity, long at) {}

    private static final long LAST_SAMPLE_MS = 1_000;

    public static PersonalReport compute(
            long start,
            long end,
            List<Span> pauses,
            List<TimelineSample> samples,
            List<Reported> reported,
            long gapMs) {
        List<long[]> active = activeWindows(start, end, pauses);
        long activeMs = 0;
        for (long[] window : active) {
            activeMs += window[1] - window[0];
        }
        // Frames taken while paused (or outside the session) are ignored, not only clipped.
        List<TimelineSample> sorted = samples.stream()
                .filter(s -> s.t() >= start && s.t() <= end && !paused(s.t(), pauses))
                .sorted(Comparator.comparingLong(TimelineSample::t))
                .toList();
        List<String> inferred = ActivityInference.classify(sorted);
        long focusMs = 0;
        long distractionMs = 0;
        Map<String, Long> inferredMs = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            TimelineSample sample = sorted.get(i);
            long until = i + 1 < sorted.size()
                    ? Math.min(sorted.get(i + 1).t(), sample.t() + gapMs)
                    : Math.min(end, sample.t() + LAST_SAMPLE_MS);
            long span = overlap(sample.t(), until, active);
            if (sample.face() && sample.attentive()) {
                focusMs += span;
            } else {
                distractionMs += span;
            }
            inferredMs.merge(inferred.get(i), span, Long::sum);
        }
        if (!reported.isEmpty()) {
            return new PersonalReport(
                    activeMs / 1000,
                    focusMs / 1000,
                    distractionMs / 1000,
                    seconds(reportedMs(end, reported, active)),
                    "REPORTED");
        }
        return new PersonalReport(
                activeMs / 1000, focusMs / 1000, distractionMs / 1000, seconds(inferredMs), "INFERRED");
    }

    private static Map<String, Long> reportedMs(long end, List<Reported> reported, List<long[]> active) {
        List<Reported> sorted =
                reported.stream().sorted(Comparator.comparingLong(Reported::at)).toList();
        Map<String, Long> result = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            long from = sorted.get(i).at();
            long to = i + 1 < sorted.size() ? sorted.get(i + 1).at() : end;
            result.merge(sorted.get(i).activity(), overlap(from, to, active), Long::sum);
        }
        return result;
    }

    private static Map<String, Long> seconds(Map<String, Long> millis) {
        Map<String, Long> result = new TreeMap<>();
        millis.forEach((activity, ms) -> {
            if (ms >= 1000) {
                result.put(activity, ms / 1000);
            }
        });
        return result;
    }

    /** Whether {@code t} falls in a pause: from its start (inclusive) to its end (exclusive), or on if still open. */
    public static boolean paused(long t, List<Span> pauses) {
        for (Span pause : pauses) {
            if (t >= pause.from() && (pause.to() == null || t < pause.to())) {
                return true;
            }
        }
        return false;
    }

    /** [start, end] without the pauses, as sorted disjoint windows. */
    public static List<long[]> activeWindows(long start, long end, List<Span> pauses) {
        List<long[]> windows = new ArrayList<>();
        long cursor = start;
        for (Span pause :
                pauses.stream().sorted(Comparator.comparingLong(Span::from)).toList()) {
            long from = Math.max(pause.from(), cursor);
            long to = Math.min(pause.to() == null ? end : pause.to(), end);
            if (from > cursor) {
                windows.add(new long[] {cursor, Math.min(from, end)});
            }
            cursor = Math.max(cursor, to);
        }
        if (cursor < end) {
            windows.add(new long[] {cursor, end});
        }
        windows.removeIf(w -> w[1] <= w[0]);
        return windows;
    }

    private static long overlap(long from, long to, List<long[]> windows) {
        long total = 0;
        for (long[] window : windows) {
            total += Math.max(0, Math.min(to, window[1]) - Math.max(from, window[0]));
        }
        return total;
    }
}
