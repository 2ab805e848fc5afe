package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Issue 16, item 1: does MediaPipe Iris ({@code iris_landmark_barracuda.onnx}, iris centre and eye corners per eye)
 * beat the shipped pupil centroid ({@link GazeEstimator})? Same protocol as {@link GazeReliabilityAccuracyTest}: every
 * frontal face of the set is shrunk to smaller face widths and each method's horizontal ratio is compared with its own
 * full-resolution value (nobody's eyes moved, so any offset is the method's scatter); and at full resolution, where all
 * these faces look at the camera, how far each method reads from the centre. Also the eyelid aperture the model gives
 * (all these eyes are open) per eye width, and the cost per face. Prints the tables of the
 * vision README ("Attention"); asserts only that the measurement covered the set.
 */
@Tag("accuracy")
class IrisGazeAccuracyTest {

    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, 8192);
    private static final int[] FACE_WIDTHS = {160, 110, 80, 60, 50, 40};
    private static final int[] EYE_ROWS = {10, 15, 20, 25, 30, 40};
    /** Crop side as a multiple of the eye's corner-to-corner width (MODELS.md), and that width per inter-ocular. */
    private static final double CROP_PER_EYE = 2.3;

    private static final double EYE_PER_INTEROCULAR = 0.46;
    private static final int IRIS_SIDE = 64;

    /** One face at one size: eye-region width, both methods' horizontal ratios (0.5 = centre), eyelid aperture. */
    record Reading(int eyeWidthPx, double centroid, double iris, double aperture) {}

    /** One frontal face: its full-resolution reading and the shrunken ones. */
    record Face(String photo, Reading full, List<Reading> shrunk) {}

    @Test
    void irisLandmarksAgainstThePupilCentroid() throws Exception {
        var analyzer = TestAssets.analyzer();
        try (var iris = new Model(TestAssets.models().resolve("iris_landmark_barracuda.onnx"), 1, 3, 64, 64)) {
            var faces = new ArrayList<Face>();
            long irisNanos = 0;
            int irisFaces = 0;
            for (var photo : GazeReliabilityAccuracyTest.frontalPhotos()) {
                var image = DECODER.decode(TestAssets.read(photo));
                try {
                    var full = GazeReliabilityAccuracyTest.largest(
                            analyzer.analyse(image, Calibration.STRAIGHT_AHEAD, f -> false));
                    if (full == null
                            || full.gaze() == null
                            || Math.abs(full.pose().yawDeg()) > 15) {
                        continue;
                    }
                    long start = System.nanoTime();
                    var fullReading = read(image, full, iris);
                    irisNanos += System.nanoTime() - start;
                    irisFaces++;
                    var shrunk = new ArrayList<Reading>();
                    for (int width : FACE_WIDTHS) {
                        double scale = width / full.face().width();
                        if (scale > 0.9) {
                            continue;
                        }
                        var small = new Mat();
                        Imgproc.resize(image, small, new Size(), scale, scale, Imgproc.INTER_AREA);
                        var face = GazeReliabilityAccuracyTest.nearest(
                                analyzer.analyse(small, Calibration.STRAIGHT_AHEAD, f -> false), full.face(), scale);
                        if (face != null && face.gaze() != null) {
                            shrunk.add(read(small, face, iris));
                        }
                        small.release();
                    }
                    faces.add(
                            new Face(photo.getParent().getFileName() + "/" + photo.getFileName(), fullReading, shrunk));
                } finally {
                    image.release();
                }
            }
            print(faces, irisNanos / 1e6 / Math.max(1, irisFaces));
            assertThat(faces).hasSizeGreaterThanOrEqualTo(15);
        }
    }

    private static void print(List<Face> faces, double irisMsPerFace) {
        System.out.println();
        System.out.println("Full resolution, frontal faces looking at the camera: distance of the horizontal ratio"
                + " from the centre");
        System.out.println("| method | faces | median | p90 | max |");
        System.out.println("|---|---|---|---|---|");
        printSpread(
                "pupil centroid", faces.stream().map(f -> f.full().centroid()).toList());
        printSpread("MediaPipe Iris", faces.stream().map(f -> f.full().iris()).toList());
        var open = faces.stream().map(f -> f.full().aperture()).sorted().toList();
        System.out.printf(
                "eyelid aperture at full resolution (all eyes open): min %.2f, median %.2f%n",
                open.get(0), open.get(open.size() / 2));
        System.out.println();
        System.out.println("Shrunken faces: offset from the same face's full-resolution ratio, per eye-region width");
        System.out.println("| eye-region width px | samples | centroid p90 | centroid max | iris p90 | iris max |"
                + " eyelid aperture, min / median |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int r = 0; r < EYE_ROWS.length; r++) {
            int from = EYE_ROWS[r];
            int to = r + 1 < EYE_ROWS.length ? EYE_ROWS[r + 1] : Integer.MAX_VALUE;
            var centroid = new ArrayList<Double>();
            var irisOffsets = new ArrayList<Double>();
            var aperture = new ArrayList<Double>();
            for (var face : faces) {
                for (var s : face.shrunk()) {
                    if (s.eyeWidthPx() >= from && s.eyeWidthPx() < to) {
                        centroid.add(Math.abs(s.centroid() - face.full().centroid()));
                        irisOffsets.add(Math.abs(s.iris() - face.full().iris()));
                        aperture.add(s.aperture());
                    }
                }
            }
            if (centroid.isEmpty()) {
                continue;
            }
            centroid.sort(null);
            irisOffsets.sort(null);
            aperture.sort(null);
            System.out.printf(
                    "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.2f / %.2f |%n",
                    to == Integer.MAX_VALUE ? from + "+" : from + "-" + (to - 1),
                    centroid.size(),
                    p90(centroid),
                    centroid.get(centroid.size() - 1),
                    p90(irisOffsets),
                    irisOffsets.get(irisOffsets.size() - 1),
                    aperture.get(0),
                    aperture.get(aperture.size() / 2));
        }
        System.out.printf("MediaPipe Iris: %.1f ms per face (2 eyes, 2 passes each)%n", irisMsPerFace);
    }

    private static void printSpread(String method, List<Double> ratios) {
        var distances = ratios.stream().map(r -> Math.abs(r - 0.5)).sorted().toList();
        System.out.printf(
                "| %s | %d | %.3f | %.3f | %.3f |%n",
                method,
                distances.size(),
                distances.get(distances.size() / 2),
                p90(distances),
                distances.get(distances.size() - 1));
    }

    private static double p90(List<Double> sorted) {
        return sorted.get((int) Math.floor(0.9 * (sorted.size() - 1)));
    }

    /** Both methods on one face: the centroid from the pipeline, the iris ratio averaged over both eyes. */
    private static Reading read(Mat bgr, FaceAnalysis face, Model iris) {
        double ratio = 0;
        double aperture = 1;
        for (int eye = 0; eye < 2; eye++) {
            // YuNet's landmark 0 is the subject's right eye; the model expects a left one, so that crop is mirrored.
            var result = eye(bgr, face.face(), eye, eye == 0, iris);
            ratio += result[0] / 2;
            aperture = Math.min(aperture, result[1]);
        }
        return new Reading(GazeEstimator.eyeWidthPx(face.face()), face.gaze().horizontalRatio(), ratio, aperture);
    }

    /**
     * The iris ratio of one eye in image orientation (0.5 = between the corners) and its eyelid aperture: a first pass
     * on a crop around YuNet's eye point, a second re-centred on the model's own corners.
     */
    private static double[] eye(Mat bgr, DetectedFace face, int eye, boolean mirror, Model iris) {
        double cx = face.landmarkX(eye);
        double cy = face.landmarkY(eye);
        double side = CROP_PER_EYE * EYE_PER_INTEROCULAR * face.interOcular();
        float[][] out = null;
        for (int pass = 0; pass < 2; pass++) {
            out = landmarks(bgr, cx, cy, side, mirror, iris);
            double[] inner = point(out[1], 0, cx, cy, side, mirror);
            double[] outer = point(out[1], 8, cx, cy, side, mirror);
            double nextCx = (inner[0] + outer[0]) / 2;
            double nextCy = (inner[1] + outer[1]) / 2;
            double width = Math.hypot(inner[0] - outer[0], inner[1] - outer[1]);
            if (pass == 0) {
                cx = nextCx;
                cy = nextCy;
                side = CROP_PER_EYE * Math.max(width, 2);
            }
        }
        double[] inner = point(out[1], 0, cx, cy, side, mirror);
        double[] outer = point(out[1], 8, cx, cy, side, mirror);
        double[] centre = point(out[0], 0, cx, cy, side, mirror);
        double width = Math.max(1e-6, Math.abs(outer[0] - inner[0]));
        double ratio = 0.5 + (centre[0] - (inner[0] + outer[0]) / 2) / width;
        return new double[] {ratio, aperture(out[1])};
    }

    /** The model's points (iris, then contours) for the crop of side {@code side} centred on (cx, cy). */
    private static float[][] landmarks(Mat bgr, double cx, double cy, double side, boolean mirror, Model iris) {
        var crop = Crops.paddedCrop(
                bgr, (int) Math.round(cx - side / 2), (int) Math.round(cy - side / 2), (int) side, (int) side);
        var resized = new Mat();
        var rgb = new Mat();
        var floats = new Mat();
        try {
            Imgproc.resize(crop, resized, new Size(IRIS_SIDE, IRIS_SIDE), 0, 0, Imgproc.INTER_LINEAR);
            if (mirror) {
                Core.flip(resized, resized, 1);
            }
            Imgproc.cvtColor(resized, rgb, Imgproc.COLOR_BGR2RGB);
            rgb.convertTo(floats, CvType.CV_32FC3, 1.0 / 255.0);
            var chw = new float[3 * IRIS_SIDE * IRIS_SIDE];
            Crops.toChw(floats, chw);
            var outputs = iris.run(chw);
            // iris (5 points) first, then eyelids and brows (71 points), whatever order the export lists them in
            return outputs[0].length == 15 ? outputs : new float[][] {outputs[1], outputs[0]};
        } finally {
            crop.release();
            resized.release();
            rgb.release();
            floats.release();
        }
    }

    /** Point {@code index} of a model output (x, y, z triplets in 64-px crop pixels) in image coordinates. */
    private static double[] point(float[] xyz, int index, double cx, double cy, double side, boolean mirror) {
        double x = xyz[3 * index];
        double y = xyz[3 * index + 1];
        if (mirror) {
            x = IRIS_SIDE - x;
        }
        int x0 = (int) Math.round(cx - side / 2);
        int y0 = (int) Math.round(cy - side / 2);
        double scale = ((int) side) / (double) IRIS_SIDE;
        return new double[] {x0 + x * scale, y0 + y * scale};
    }

    /** Eyelid aperture: the height of the eyelid contour over its width (the eye corners' distance). */
    private static double aperture(float[] contours) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 16; i++) {
            minX = Math.min(minX, contours[3 * i]);
            maxX = Math.max(maxX, contours[3 * i]);
            minY = Math.min(minY, contours[3 * i + 1]);
            maxY = Math.max(maxY, contours[3 * i + 1]);
        }
        return (maxY - minY) / Math.max(1e-6, maxX - minX);
    }

    /** An ONNX model giving all its outputs (the pipeline's {@link OnnxRunner} gives the first only). */
    private static final class Model implements AutoCloseable {
        private final ZooModel<float[], float[][]> model;
        private final ai.djl.inference.Predictor<float[], float[][]> predictor;

        Model(Path file, long... shape) throws Exception {
            model = Criteria.builder()
                    .setTypes(float[].class, float[][].class)
                    .optModelPath(file)
                    .optEngine("OnnxRuntime")
                    .optOption("intraOpNumThreads", "1")
                    .optTranslator(new Translator<float[], float[][]>() {
                        @Override
                        public NDList processInput(TranslatorContext ctx, float[] input) {
                            return new NDList(ctx.getNDManager().create(input, new Shape(shape)));
                        }

                        @Override
                        public float[][] processOutput(TranslatorContext ctx, NDList list) {
                            return list.stream().map(NDArray::toFloatArray).toArray(float[][]::new);
                        }

                        @Override
                        public Batchifier getBatchifier() {
                            return null;
                        }
                    })
                    .build()
                    .loadModel();
            predictor = model.newPredictor();
        }

        float[][] run(float[] input) {
            try {
                return predictor.predict(input);
            } catch (ai.djl.translate.TranslateException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            predictor.close();
            model.close();
        }
    }
}
