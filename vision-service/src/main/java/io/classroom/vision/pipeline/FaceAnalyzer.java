package io.classroom.vision.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * One complete model set (detector, head pose, embedder) for one worker thread: none of the models is
 * thread-safe, so each worker owns an analyzer and the service scales by adding workers.
 */
public final class FaceAnalyzer implements AutoCloseable {

    private final FaceDetector detector;
    private final HeadPoseEstimator pose;
    private final GazeEstimator gaze;
    private final FaceEmbedder embedder;
    private final QualityGate qualityGate;

    public FaceAnalyzer(PipelineSettings settings) {
        OpenCv.load();
        // Gaze is the one cue that needs landmarks finer than a scaled-down detection gives (the vision README): faces
        // whose eyes may be wide enough for the gaze veto are refined (a margin, as coarse eye widths are off by a few
        // pixels; without it the harness's noisy 150-px frontal target failed), smaller ones are not.
        int refineFromEyeWidth = (int) Math.floor(settings.gaze().minReliableEyeWidthPx() * 0.8);
        this.detector = new FaceDetector(
                ModelFile.YUNET.in(settings.modelsDir()),
                settings.scoreThreshold(),
                settings.detectMaxSide(),
                face -> GazeEstimator.eyeWidthPx(face) >= refineFromEyeWidth);
        this.pose = new HeadPoseEstimator(settings.modelsDir());
        this.gaze = new GazeEstimator(settings.gaze());
        this.embedder = new FaceEmbedder(settings.modelsDir());
        this.qualityGate = settings.qualityGate();
    }

    public List<DetectedFace> detect(Mat bgr) {
        return detector.detect(bgr);
    }

    /**
     * Detects and describes every face; embeds those that are usable and selected by {@code embed}.
     *
     * @param embed which usable faces to embed (tracking skips faces whose identity is already settled)
     */
    public List<FaceAnalysis> analyse(Mat bgr, Calibration calibration, Predicate<DetectedFace> embed) {
        return analyse(bgr, calibration, embed, face -> null);
    }

    /**
     * As {@link #analyse(Mat, Calibration, Predicate)}, taking the head pose of faces for which {@code knownPose} gives
     * one instead of measuring it (tracking lends the pose of a still, settled face).
     */
    public List<FaceAnalysis> analyse(
            Mat bgr,
            Calibration calibration,
            Predicate<DetectedFace> embed,
            Function<DetectedFace, HeadPose> knownPose) {
        var faces = detector.detect(bgr);
        var result = new ArrayList<FaceAnalysis>(faces.size());
        if (faces.isEmpty()) {
            return result;
        }
        var gray = new Mat();
        try {
            Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
            for (var face : faces) {
                result.add(describe(bgr, gray, face, calibration, embed.test(face), knownPose.apply(face)));
            }
        } finally {
            gray.release();
        }
        return result;
    }

    private FaceAnalysis describe(
            Mat bgr, Mat gray, DetectedFace face, Calibration calibration, boolean embed, HeadPose knownPose) {
        var headPose = knownPose != null ? knownPose : pose.estimate(bgr, face);
        var eyes = gaze.estimate(gray, face);
        var aligned = FaceEmbedder.align(bgr, face);
        try {
            var quality = qualityGate.assess(face, headPose, aligned);
            float[] vector = embed && quality.usable() ? embedder.embed(aligned) : null;
            return new FaceAnalysis(face, headPose, eyes, quality, calibration.headOnBoard(headPose), vector);
        } finally {
            aligned.release();
        }
    }

    /**
     * The index of the largest face (widest box, as for {@code /verify}), -1 for none: a webcam's owner sits closest
     * to it, so that face is the one verified against the owner's enrolment.
     */
    public static int largest(List<FaceAnalysis> faces) {
        int largest = -1;
        for (int i = 0; i < faces.size(); i++) {
            if (largest < 0
                    || faces.get(i).face().width() > faces.get(largest).face().width()) {
                largest = i;
            }
        }
        return largest;
    }

    /** Embeds one face regardless of its quality (enrolment and verification ask for it explicitly). */
    public float[] embed(Mat bgr, DetectedFace face) {
        var aligned = FaceEmbedder.align(bgr, face);
        try {
            return embedder.embed(aligned);
        } finally {
            aligned.release();
        }
    }

    public HeadPoseEstimator poseEstimator() {
        return pose;
    }

    public FaceEmbedder embedder() {
        return embedder;
    }

    @Override
    public void close() {
        detector.close();
        pose.close();
        embedder.close();
    }
}
