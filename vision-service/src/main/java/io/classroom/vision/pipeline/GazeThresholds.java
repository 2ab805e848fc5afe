package io.classroom.vision.pipeline;

/**
 * Thresholds of the pupil-centroid gaze (vision README, "Attention", for how the reliability thresholds were measured).
 *
 * @param minEyeWidthPx below this eye-region width no gaze is reported (too few pixels for a pupil)
 * @param minReliableEyeWidthPx below this eye-region width the gaze is reported but never vetoes attention
 * @param minContrast below this pupil contrast the gaze is reported but never vetoes attention
 * @param sideThreshold horizontal ratio distance from the centre (or from a track's own baseline) beyond which the
 *     gaze is sideways
 * @param verticalThreshold vertical ratio distance from 0.5 beyond which the gaze is UP/DOWN
 */
public record GazeThresholds(
        int minEyeWidthPx,
        int minReliableEyeWidthPx,
        double minContrast,
        double sideThreshold,
        double verticalThreshold) {

    public static final GazeThresholds DEFAULTS = new GazeThresholds(10, 25, 0.3, 0.17, 0.2);
}
