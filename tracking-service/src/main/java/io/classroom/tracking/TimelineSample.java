package io.classroom.tracking;

/**
 * One webcam observation of a personal session's owner: capture time (epoch ms), whether a face was seen and, if
 * so, its head pose (degrees; negative pitch = looking down), horizontal gaze ratio (0..1), attentiveness and gaze
 * direction (LEFT, CENTER, RIGHT, UP, DOWN; null when not estimated, or stored by an earlier version).
 */
public record TimelineSample(
        long t, boolean face, Double yawDeg, Double pitchDeg, Double gazeH, boolean attentive, String gaze) {

    public TimelineSample(long t, boolean face, Double yawDeg, Double pitchDeg, Double gazeH, boolean attentive) {
        this(t, face, yawDeg, pitchDeg, gazeH, attentive, null);
    }
}
