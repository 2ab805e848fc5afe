package io.classroom.tracking;

/**
 * One face of a room camera's analysed frame: the recognised roster member (null when unknown), whether it looked at
 * the board, and its gaze direction (LEFT, CENTER, RIGHT, UP, DOWN; null when not estimated).
 */
public record FaceSighting(String userId, boolean attentive, String gaze) {

    public FaceSighting(String userId, boolean attentive) {
        this(userId, attentive, null);
    }
}
