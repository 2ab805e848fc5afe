package io.classroom.vision.pipeline;

/**
 * Everything the pipeline learnt about one face of a frame.
 *
 * @param gaze null when the eyes are too small to locate the pupils
 * @param attentive the head pose points at the board (the calibration); the gaze may still veto it, per track
 *     ({@code FaceTracker}) or, for a single image, through {@link #attentiveAlone()}
 * @param embedding L2-normalised MobileFaceNet vector, null when not computed (unusable face or not requested)
 */
public record FaceAnalysis(
        DetectedFace face, HeadPose pose, Gaze gaze, Quality quality, boolean attentive, float[] embedding) {

    public FaceAnalysis withEmbedding(float[] vector) {
        return new FaceAnalysis(face, pose, gaze, quality, attentive, vector);
    }

    /** Attention of a face seen once (no track): head on the board, unless a reliable gaze looks sideways. */
    public boolean attentiveAlone() {
        return attentive && (gaze == null || !gaze.vetoesAlone());
    }
}
