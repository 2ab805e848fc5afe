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

    /** Intersection over union of the two boxes (0 when they do not overlap). */
    public double iou(DetectedFace other) {
        double x0 = Math.max(x, other.x);
        double y0 = Math.max(y, other.y);
        double x1 = Math.min(x + width, other.x + other.width);
        double y1 = Math.min(y + height, other.y + other.height);
        double inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        double union = width * height + other.width * other.height - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
