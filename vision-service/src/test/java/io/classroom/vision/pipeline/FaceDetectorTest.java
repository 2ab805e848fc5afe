package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * The ONNX Runtime detector decodes YuNet as OpenCV's {@code FaceDetectorYN} does the same weights: on every face
 * photo of the set (scaled to 1280 px, the size of a classroom frame), each finds the same faces, with boxes and
 * landmarks that agree to a small fraction of the face. Detection at a lower resolution, refined on full-resolution
 * windows, gives the landmarks of full-resolution detection.
 */
class FaceDetectorTest {

    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, 8192);
    private static final int FRAME_SIDE = 1280;
    /** Largest landmark distance between two detections of the same face, in face widths. */
    private static final double LANDMARK_GAP = 0.02;

    @Test
    void findsWhatOpenCvFindsWhereOpenCvFindsIt() throws Exception {
        var opencv = new OpenCvYunet(FRAME_SIDE);
        try (var ours = detector(FRAME_SIDE)) {
            assertAgreeOnEveryPhoto(ours::detect, opencv::detect, 0.95);
        }
    }

    @Test
    void refinedLowResolutionDetectionHasFullResolutionLandmarks() throws Exception {
        try (var full = detector(FRAME_SIDE);
                var refined = detector(FRAME_SIDE / 2)) {
            assertAgreeOnEveryPhoto(refined::detect, full::detect, 0.9);
        }
    }

    /**
     * On every photo scaled to the frame, {@code ours} finds the faces {@code reference} finds, boxes overlapping by
     * more than {@code minIou}, landmarks within {@link #LANDMARK_GAP} of the face.
     */
    private static void assertAgreeOnEveryPhoto(
            Function<Mat, List<DetectedFace>> ours, Function<Mat, List<DetectedFace>> reference, double minIou)
            throws Exception {
        int faces = 0;
        for (var photo : photos()) {
            var image = frame(photo);
            try {
                faces += assertSameFaces(ours.apply(image), reference.apply(image), photo, minIou);
            } finally {
                image.release();
            }
        }
        assertThat(faces).isGreaterThan(20);
    }

    /** Asserts that {@code ours} holds each face of {@code reference}; returns how many there are. */
    private static int assertSameFaces(
            List<DetectedFace> ours, List<DetectedFace> reference, Path photo, double minIou) {
        assertThat(ours).as("faces on %s", photo).hasSameSizeAs(reference);
        for (var face : reference) {
            var mine = closest(ours, face);
            assertThat(mine.iou(face)).as("box IoU on %s", photo).isGreaterThan(minIou);
            assertThat(mine.score()).as("score on %s", photo).isCloseTo(face.score(), offset(0.02f));
            for (int k = 0; k < 5; k++) {
                double gap = Math.hypot(mine.landmarkX(k) - face.landmarkX(k), mine.landmarkY(k) - face.landmarkY(k));
                assertThat(gap / face.width()).as("landmark %d on %s", k, photo).isLessThan(LANDMARK_GAP);
            }
        }
        return reference.size();
    }

    private static FaceDetector detector(int maxSide) {
        var defaults = PipelineSettings.defaults(TestAssets.models());
        return new FaceDetector(
                ModelFile.YUNET.in(defaults.modelsDir()), defaults.scoreThreshold(), maxSide, face -> true);
    }

    private static List<Path> photos() throws Exception {
        var photos = new ArrayList<Path>();
        try (Stream<Path> files = Files.walk(TestAssets.faces())) {
            files.filter(f -> f.toString().endsWith(".jpg") || f.toString().endsWith(".png"))
                    .sorted()
                    .forEach(photos::add);
        }
        assertThat(photos).hasSizeGreaterThan(20);
        return photos;
    }

    /** The photo scaled down to fit a 1280-px frame. */
    private static Mat frame(Path photo) throws Exception {
        var image = DECODER.decode(TestAssets.read(photo));
        double scale = (double) FRAME_SIDE / Math.max(image.cols(), image.rows());
        if (scale >= 1) {
            return image;
        }
        var scaled = Crops.scaled(image, scale);
        image.release();
        return scaled;
    }

    private static DetectedFace closest(List<DetectedFace> faces, DetectedFace to) {
        return faces.stream().max(Comparator.comparingDouble(f -> f.iou(to))).orElseThrow();
    }
}
