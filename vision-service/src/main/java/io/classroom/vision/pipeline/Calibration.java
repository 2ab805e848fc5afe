package io.classroom.vision.pipeline;

/**
 * Where the board/screen is as seen from one camera: a face is attentive when its head pose points there within
 * the tolerances and its eyes do not look sideways. A webcam's default is straight ahead.
 */
public record Calibration(double boardYawDeg, double boardPitchDeg, double yawToleranceDeg, double pitchToleranceDeg) {

    public static final Calibration STRAIGHT_AHEAD = new Calibration(0, 0, 25, 20);

    public boolean attentive(HeadPose pose, Gaze gaze) {
        boolean headOnBoard = Math.abs(pose.yawDeg() - boardYawDeg) <= yawToleranceDeg
                && Math.abs(pose.pitchDeg() - boardPitchDeg) <= pitchToleranceDeg;
        boolean eyesSideways =
                gaze != null && (gaze.direction() == Gaze.Direction.LEFT || gaze.direction() == Gaze.Direction.RIGHT);
        return headOnBoard && !eyesSideways;
    }
}
