package io.classroom.tracking;

import java.util.ArrayList;
import java.util.List;

/**
 * Infers what a student does from the webcam pose/gaze timeline when the client reports no activities. Per sample,
 * looking at the samples within {@link #WINDOW_MS} either side:
 *
 * <ul>
 *   <li>AWAY: no face, or the head turned away (|yaw| above {@link #AWAY_YAW_DEG}).
 *   <li>READING: head tilted down (pitch at or below {@link #READING_PITCH_DEG}, negative = down).
 *   <li>BROWSING: gaze (or head) sweeping horizontally: the horizontal gaze ratio spans at least
 *       {@link #BROWSING_GAZE_SPAN} across the window, or the yaw at least {@link #BROWSING_YAW_SPAN_DEG}.
 *   <li>WATCHING: otherwise, i.e. steady on the screen.
 * </ul>
 */
public final class ActivityInference {

    public static final long WINDOW_MS = 2_500;
    public static final double AWAY_YAW_DEG = 45;
    public static final double READING_PITCH_DEG = -20;
    public static final double BROWSING_GAZE_SPAN = 0.2;
    public static final double BROWSING_YAW_SPAN_DEG = 15;

    private ActivityInference() {}

    /** One activity per sample, in the samples' order (sorted by time). */
    public static List<String> classify(List<TimelineSample> samples) {
        List<String> activities = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            activities.add(classify(samples, i));
        }
        return activities;
    }

    /**
     * What the latest of {@code recent} (sorted by time, the latest last) shows, judged like {@link #classify} on
     * the samples before it only: the live feed's current activity. Null without any sample.
     */
    public static String current(List<TimelineSample> recent) {
        return recent.isEmpty() ? null : classify(recent, recent.size() - 1);
    }

    private static String classify(List<TimelineSample> samples, int index) {
        TimelineSample sample = samples.get(index);
        if (!sample.face() || (sample.yawDeg() != null && Math.abs(sample.yawDeg()) > AWAY_YAW_DEG)) {
            return "AWAY";
        }
        if (sample.pitchDeg() != null && sample.pitchDeg() <= READING_PITCH_DEG) {
            return "READING";
        }
        double minGaze = Double.MAX_VALUE;
        double maxGaze = -Double.MAX_VALUE;
        double minYaw = Double.MAX_VALUE;
        double maxYaw = -Double.MAX_VALUE;
        for (TimelineSample other : samples) {
            if (!other.face() || Math.abs(other.t() - sample.t()) > WINDOW_MS) {
                continue;
            }
            if (other.gazeH() != null) {
                minGaze = Math.min(minGaze, other.gazeH());
                maxGaze = Math.max(maxGaze, other.gazeH());
            }
            if (other.yawDeg() != null) {
                minYaw = Math.min(minYaw, other.yawDeg());
                maxYaw = Math.max(maxYaw, other.yawDeg());
            }
        }
        boolean gazeSweeps = maxGaze - minGaze >= BROWSING_GAZE_SPAN;
        boolean headSweeps = maxYaw - minYaw >= BROWSING_YAW_SPAN_DEG;
        return gazeSweeps || headSweeps ? "BROWSING" : "WATCHING";
    }
}
