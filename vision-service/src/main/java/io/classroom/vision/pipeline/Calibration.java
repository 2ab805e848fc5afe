package io.classroom.vision.pipeline;

/**
 * Where the board/screen is as seen from one camera: a head pointing there within the tolerances faces the board.
 * A webcam's default is straight ahead; a room camera without a stored calibration learns one from its faces
 * ({@link BoardLearner}).
 */
public record Calibration(double boardYawDeg, double boardPitchDeg, double yawToleranceDeg, double pitchToleranceDeg) {

    public static final Calibration STRAIGHT_AHEAD = new Calibration(0, 0, 25, 20);

    /** The primary attention cue: the head pose points at the board within the tolerances. */
    public boolean headOnBoard(HeadPose pose) {
        return Math.abs(pose.yawDeg() - boardYawDeg) <= yawToleranceDeg
                && Math.abs(pose.pitchDeg() - boardPitchDeg) <= pitchToleranceDeg;
    }
}
