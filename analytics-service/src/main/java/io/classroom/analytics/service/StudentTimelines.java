package io.classroom.analytics.service;

import io.classroom.analytics.Observation;
import io.classroom.analytics.service.ClassroomAnalyticsService.AttendanceRow;
import io.classroom.analytics.service.ClassroomAnalyticsService.Band;
import io.classroom.analytics.service.ClassroomAnalyticsService.SessionProfile;
import io.classroom.analytics.service.ClassroomAnalyticsService.StudentTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * When each student was seen, and seen attentive, over a session: the session is cut into equal buckets (5 s, longer
 * for long sessions so there are at most {@value #MAX_BUCKETS}); a bucket is ATTENTIVE when at least half of the
 * student's sightings in it were attentive, PRESENT when there was any, and left out otherwise. Also the class's
 * attentive share per minute of the session (minute 1 starts at the session's start, not at a clock minute). Built
 * from the raw frames, so it exists while they are kept ({@code analytics.observation-retention}).
 */
final class StudentTimelines {

    static final int MIN_BUCKET_SECONDS = 5;
    static final int MAX_BUCKETS = 240;
    private static final long MINUTE_MILLIS = 60_000;

    private StudentTimelines() {}

    static int bucketSeconds(Instant start, Instant end) {
        long seconds = Math.max(1, Duration.between(start, end).toSeconds());
        return (int) Math.max(MIN_BUCKET_SECONDS, (seconds + MAX_BUCKETS - 1) / MAX_BUCKETS);
    }

    /**
     * The profile of the session {@code [start, end)} for the students of {@code rows}, from its frames in capture
     * order; {@code classWide} adds the class's attentive share per minute (staff only).
     */
    static SessionProfile of(
            Instant start, Instant end, List<Observation> frames, List<AttendanceRow> rows, boolean classWide) {
        int bucket = bucketSeconds(start, end);
        // in milliseconds, so that every frame before the end falls in a bucket and a minute, whatever the fractions
        long length = Math.max(1, Duration.between(start, end).toMillis());
        int buckets = (int) ((length + bucket * 1000L - 1) / (bucket * 1000L));
        int minutes = (int) ((length + MINUTE_MILLIS - 1) / MINUTE_MILLIS);
        var seen = new HashMap<String, int[]>();
        var attentive = new HashMap<String, int[]>();
        long[] facesPerMinute = new long[minutes];
        long[] attentivePerMinute = new long[minutes];
        for (var frame : frames) {
            long offset = Duration.between(start, frame.capturedAt).toMillis();
            if (offset < 0 || !frame.capturedAt.isBefore(end)) {
                continue;
            }
            int b = (int) (offset / (bucket * 1000L));
            int m = (int) (offset / MINUTE_MILLIS);
            for (var face : frame.faces) {
                facesPerMinute[m]++;
                attentivePerMinute[m] += face.attentive ? 1 : 0;
                if (face.userId != null) {
                    seen.computeIfAbsent(face.userId, k -> new int[buckets])[b]++;
                    if (face.attentive) {
                        attentive.computeIfAbsent(face.userId, k -> new int[buckets])[b]++;
                    }
                }
            }
        }
        var students = new ArrayList<StudentTimeline>(rows.size());
        for (var row : rows) {
            students.add(new StudentTimeline(
                    row.userId(),
                    row.displayName(),
                    bands(start, end, bucket, seen.get(row.userId()), attentive.get(row.userId()))));
        }
        List<Double> shares = null;
        if (classWide) {
            shares = new ArrayList<>(minutes);
            for (int m = 0; m < minutes; m++) {
                shares.add(facesPerMinute[m] == 0 ? 0 : (double) attentivePerMinute[m] / facesPerMinute[m]);
            }
        }
        return new SessionProfile(end, bucket, students, shares);
    }

    /** Consecutive buckets of one state merged into one band; buckets where the student was not seen are left out. */
    private static List<Band> bands(Instant start, Instant end, int bucket, int[] seen, int[] attentive) {
        var bands = new ArrayList<Band>();
        if (seen == null) {
            return bands;
        }
        String open = null;
        int openedAt = 0;
        for (int b = 0; b <= seen.length; b++) {
            String state = null;
            if (b < seen.length && seen[b] > 0) {
                state = attentive != null && attentive[b] * 2 >= seen[b] ? Band.ATTENTIVE : Band.PRESENT;
            }
            if (!Objects.equals(state, open)) {
                if (open != null) {
                    bands.add(band(start, end, bucket, openedAt, b, open));
                }
                open = state;
                openedAt = b;
            }
        }
        return bands;
    }

    private static Band band(Instant start, Instant end, int bucket, int from, int to, String state) {
        var until = start.plusSeconds((long) to * bucket);
        return new Band(start.plusSeconds((long) from * bucket), until.isAfter(end) ? end : until, state);
    }
}
