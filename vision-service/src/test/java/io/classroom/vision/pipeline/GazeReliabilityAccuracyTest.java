package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Where the pupil-centroid gaze may veto attention: every frontal photo of the face set (enrolment and probes) and
 * every frontal classroom tile is shrunk to several face widths, and the horizontal pupil ratio of each shrunken face
 * is compared with the same face's own full-resolution value. Nobody's eyes moved, so any offset is the estimator's
 * own scatter; the eye-region width from which that scatter stays well inside the side threshold is the shipped
 * {@code vision.gaze.min-reliable-eye-width-px}. Prints the table of the vision README ("Attention"); fails when a
 * shrunken face that the shipped thresholds call reliable moves by half the side threshold or more.
 */
class GazeReliabilityAccuracyTest {

    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, 8192);
    private static final int[] FACE_WIDTHS = {200, 160, 130, 110, 95, 80, 70, 60, 50, 40};
    /** Lower bounds of the eye-width rows of the table, in pixels. */
    private static final int[] EYE_ROWS = {10, 15, 20, 25, 30, 40};

    /** One frontal face seen smaller: its eye width, offset from its full-resolution ratio and pupil contrast. */
    record Sample(String photo, int eyeWidthPx, double offset, double contrast) {}

    @Test
    void onlyEyesWideEnoughAndContrastedEnoughMayVeto() {
        var photos = frontalPhotos();
        var samples = new ArrayList<Sample>();
        System.out.println("photo | face px | eye px | full-resolution horizontal ratio | contrast");
        int frontal = 0;
        for (var photo : photos) {
            var shrunk = shrunk(photo);
            frontal += shrunk.isEmpty() ? 0 : 1;
            samples.addAll(shrunk);
        }
        System.out.println();
        System.out.println("| eye-region width px | samples | mean abs offset | p90 abs offset | max abs offset"
                + " | median contrast |");
        System.out.println("|---|---|---|---|---|---|");
        for (int r = 0; r < EYE_ROWS.length; r++) {
            int from = EYE_ROWS[r];
            int to = r + 1 < EYE_ROWS.length ? EYE_ROWS[r + 1] : Integer.MAX_VALUE;
            var row = samples.stream()
                    .filter(s -> s.eyeWidthPx() >= from && s.eyeWidthPx() < to)
                    .toList();
            if (row.isEmpty()) {
                continue;
            }
            var offsets = row.stream().map(s -> Math.abs(s.offset())).sorted().toList();
            var contrasts = row.stream().map(Sample::contrast).sorted().toList();
            System.out.printf(
                    "| %s | %d | %.3f | %.3f | %.3f | %.2f |%n",
                    to == Integer.MAX_VALUE ? from + "+" : from + "-" + (to - 1),
                    row.size(),
                    offsets.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    offsets.get((int) Math.floor(0.9 * (offsets.size() - 1))),
                    offsets.get(offsets.size() - 1),
                    contrasts.get(contrasts.size() / 2));
        }
        var thresholds = GazeThresholds.DEFAULTS;
        var reliable = samples.stream()
                .filter(s -> s.eyeWidthPx() >= thresholds.minReliableEyeWidthPx()
                        && s.contrast() >= thresholds.minContrast())
                .toList();
        System.out.printf(
                "%d frontal faces, %d shrunken samples, %d reliable at the shipped thresholds (eye >= %d px,"
                        + " contrast >= %.2f)%n",
                frontal, samples.size(), reliable.size(), thresholds.minReliableEyeWidthPx(), thresholds.minContrast());
        assertThat(reliable).hasSizeGreaterThan(20);
        // Scale alone must not read as a glance: well inside the side threshold (half of it) where gaze may veto.
        assertThat(reliable)
                .allSatisfy(s -> assertThat(Math.abs(s.offset()))
                        .as("%s at %d px eyes", s.photo(), s.eyeWidthPx())
                        .isLessThan(thresholds.sideThreshold() / 2));
    }

    /** The face set's enrolment and probe photos and the classroom's frontal tiles. */
    static List<Path> frontalPhotos() {
        var faces = TestAssets.faces();
        var photos = new ArrayList<Path>();
        for (var person : List.of(
                "obama", "biden", "kit_harington", "rose_leslie", "alex_lacamoire", "lin_manuel_miranda", "rob_lowe")) {
            for (var split : List.of("enrol", "probe")) {
                var folder = faces.resolve(person).resolve(split);
                if (folder.toFile().isDirectory()) {
                    photos.addAll(TestAssets.images(folder));
                }
            }
        }
        Stream.of(TestAssets.dir().resolve("media/classroom/tiles"))
                .filter(p -> p.toFile().isDirectory())
                .flatMap(p -> TestAssets.images(p).stream())
                .filter(p -> p.getFileName().toString().endsWith("_front.png"))
                .forEach(photos::add);
        return photos;
    }

    /**
     * The photo's largest face at full resolution, then at each smaller face width; empty when not frontal (|yaw| over
     * 15 degrees) or too small to shrink.
     */
    private static List<Sample> shrunk(Path photo) {
        var analyzer = TestAssets.analyzer();
        var image = DECODER.decode(TestAssets.read(photo));
        var samples = new ArrayList<Sample>();
        try {
            var full = largest(analyzer.analyse(image, Calibration.STRAIGHT_AHEAD, f -> false));
            if (full == null || full.gaze() == null || Math.abs(full.pose().yawDeg()) > 15) {
                return samples;
            }
            var name = photo.getParent().getFileName() + "/" + photo.getFileName();
            System.out.printf(
                    "%s | %.0f | %d | %.3f | %.2f%n",
                    name,
                    full.face().width(),
                    GazeEstimator.eyeWidthPx(full.face()),
                    full.gaze().horizontalRatio(),
                    full.gaze().contrast());
            for (int width : FACE_WIDTHS) {
                double scale = width / full.face().width();
                if (scale > 0.9) {
                    continue;
                }
                var small = new Mat();
                try {
                    Imgproc.resize(image, small, new Size(), scale, scale, Imgproc.INTER_AREA);
                    var face = nearest(
                            analyzer.analyse(small, Calibration.STRAIGHT_AHEAD, f -> false), full.face(), scale);
                    if (face != null && face.gaze() != null) {
                        samples.add(new Sample(
                                name,
                                GazeEstimator.eyeWidthPx(face.face()),
                                face.gaze().horizontalRatio() - full.gaze().horizontalRatio(),
                                face.gaze().contrast()));
                    }
                } finally {
                    small.release();
                }
            }
            return samples;
        } finally {
            image.release();
        }
    }

    static FaceAnalysis largest(List<FaceAnalysis> faces) {
        return faces.stream()
                .max(Comparator.comparingDouble(f -> f.face().width()))
                .orElse(null);
    }

    /** The face of the shrunken image whose centre is that of the full-resolution face, scaled. */
    static FaceAnalysis nearest(List<FaceAnalysis> faces, DetectedFace full, double scale) {
        double cx = (full.x() + full.width() / 2) * scale;
        double cy = (full.y() + full.height() / 2) * scale;
        return faces.stream()
                .filter(f -> Math.hypot(
                                f.face().x() + f.face().width() / 2 - cx,
                                f.face().y() + f.face().height() / 2 - cy)
                        < full.width() * scale / 2)
                .findFirst()
                .orElse(null);
    }
}
