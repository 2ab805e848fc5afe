package io.classroom.vision.pipeline;

/**
 * One face found by YuNet, in pixels of the decoded frame.
 *
 * @param landmarks x,y pairs: subject's right eye, left eye, nose tip, right and left mouth corner
 */
public record DetectedFace(float x, float y, float width, float height, float[] landmarks, float score) {

    public float landmarkX(int i) {
        return landmarks[2 * i];
    }

    public float landmarkY(int i) {
        return landmarks[2 * i + 1];
    }

    /** Distance between the eye centres, the face's natural unit of length. */
    public double interOcular() {
        return Math.hypot(landmarkX(1) - landmarkX(0), landmarkY(1) - landmarkY(0));
    }
}
