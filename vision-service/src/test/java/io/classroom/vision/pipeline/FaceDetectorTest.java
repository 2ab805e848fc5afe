package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The ONNX Runtime detector decodes YuNet as OpenCV's {@code FaceDetectorYN} does the same weights: on every face
 * photo of the set, and on those photos in a 1280x720 frame (scaled down for detection), each finds the same faces,
 * with boxes and landmarks that agree to a small fraction of the face.
 */
class FaceDetectorTest {

    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, 8192);

    @Test
    void findsWhatOpenCvFindsWhereOpenCvFindsIt() throws Exception {
        int maxSide = PipelineSettings.defaults(TestAssets.models()).detectMaxSide();
        var opencv = new OpenCvYunet(maxSide);
        var photos = new ArrayList<Path>();
        try (Stream<Path> files = Files.walk(TestAssets.faces())) {
            files.filter(f -> f.toString().endsWith(".jpg") || f.toString().endsWith(".png"))
                    .sorted()
                    .forEach(photos::add);
        }
        assertThat(photos).hasSizeGreaterThan(20);
        int faces = 0;
        for (var photo : photos) {
            var image = DECODER.decode(TestAssets.read(photo));
            try {
                var ours = TestAssets.analyzer().detect(image);
                var theirs = opencv.detect(image);
                assertThat(ours).as("faces on %s", photo).hasSameSizeAs(theirs);
                faces += ours.size();
                for (var face : theirs) {
                    var mine = closest(ours, face);
                    assertThat(mine.iou(face)).as("box IoU on %s", photo).isGreaterThan(0.95);
                    assertThat(mine.score()).as("score on %s", photo).isCloseTo(face.score(), offset(0.02f));
                    for (int k = 0; k < 5; k++) {
                        double gap = Math.hypot(
                                mine.landmarkX(k) - face.landmarkX(k), mine.landmarkY(k) - face.landmarkY(k));
                        assertThat(gap / face.width())
                                .as("landmark %d on %s", k, photo)
                                .isLessThan(0.02);
                    }
                }
            } finally {
                image.release();
            }
        }
        assertThat(faces).isGreaterThan(20);
    }

    private static DetectedFace closest(List<DetectedFace> faces, DetectedFace to) {
        return faces.stream().max(Comparator.comparingDouble(f -> f.iou(to))).orElseThrow();
    }
}
