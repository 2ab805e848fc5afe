package io.classroom.vision.pipeline;

/**
 * Where the pupils sit inside the eye regions.
 *
 * @param horizontalRatio pupil position across the eye, 0 = image left, 1 = image right
 * @param verticalRatio pupil position down the eye, 0 = top, 1 = bottom
 * @param contrast how much darker the pupil blob is than the rest of the eye region, (rest - blob) / rest, the
 *     lower of the two eyes: low for closed or squinting eyes, glare and flat shadows
 * @param reliable whether the eyes are large enough and the pupils contrasted enough for the gaze to veto attention
 *     ({@link GazeEstimator})
 */
public record Gaze(
        Direction direction, double horizontalRatio, double verticalRatio, double contrast, boolean reliable) {

    /** Direction seen from the subject: RIGHT is the subject's right, which is the image's left. */
    public enum Direction {
        LEFT,
        CENTER,
        RIGHT,
        UP,
        DOWN
    }

    /** A single image's veto: a reliable estimate looking left or right (no track, so no personal baseline). */
    public boolean vetoesAlone() {
        return reliable && (direction == Direction.LEFT || direction == Direction.RIGHT);
    }
}
