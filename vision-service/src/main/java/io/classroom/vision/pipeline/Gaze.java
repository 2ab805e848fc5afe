package io.classroom.vision.pipeline;

/**
 * Where the pupils sit inside the eye regions.
 *
 * @param horizontalRatio pupil position across the eye, 0 = image left, 1 = image right
 * @param verticalRatio pupil position down the eye, 0 = top, 1 = bottom
 */
public record Gaze(Direction direction, double horizontalRatio, double verticalRatio) {

    /** Direction seen from the subject: RIGHT is the subject's right, which is the image's left. */
    public enum Direction {
        LEFT,
        CENTER,
        RIGHT,
        UP,
        DOWN
    }
}
