package io.classroom.vision.pipeline;

import io.classroom.vision.gallery.GalleryIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * Throughput and per-stage cost on composed classroom frames (face photos tiled into 640x480 and 1280x720
 * frames), gallery search at 1k/10k/100k faces, and the OpenCV Haar-cascade face+eye baseline (cascades from
 * {@code -Dhaarcascades.dir}, default {@code /usr/share/opencv4/haarcascades} of Debian's {@code opencv-data}). Run with
 * {@code ./mvnw -pl vision-service test -Dgroups=benchmark -DexcludedGroups= -Dtest=PipelineBenchmark}.
 */
@Tag("benchmark")
class PipelineBenchmark {

    private static final int ROUNDS = 20;
    private static final int FULL_RESOLUTION = 1280;

    @Test
    void report() throws Exception {
        var analyzer = TestAssets.analyzer();
        var decoder = new ImageDecoder(40_000_000, 8192);
        var crops = faceCrops(analyzer, decoder);
        var gallery = randomGallery(1_000);
        System.out.println("| frame | faces found | decode ms | detect ms | pose+gaze+quality ms/face | embed ms/face |"
                + " match ms/face | full pipeline fps (1 core) | tracked fps (1 core, no re-embed) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        var frames = new ArrayList<Composed>();
        for (var size : new Size[] {new Size(640, 480), new Size(1280, 720)}) {
            for (int faces : new int[] {1, 6, 20}) {
                var frame = compose(crops, size, faces);
                frames.add(frame);
                measure(analyzer, decoder, gallery, frame.jpeg(), frame.label(), faces);
            }
        }
        allCores(decoder, frames.get(1).jpeg(), "640x480, 6 faces");
        searchCost();
        detectorsSideBySide(decoder, frames);
        haarBaseline(analyzer, decoder, frames);
    }

    /**
     * The shipped detector (YuNet through ONNX Runtime, our decode and NMS) next to the same weights through OpenCV's
     * {@code FaceDetectorYN}, both at the frames' full resolution (the network compared, not the shipped scaling), one
     * thread, decode included in both: frames per second, recall, and how far apart the two put the same faces (box
     * IoU, landmark distance in face widths).
     */
    private static void detectorsSideBySide(ImageDecoder decoder, List<Composed> frames) {
        var defaults = PipelineSettings.defaults(TestAssets.models());
        var opencv = new OpenCvYunet(FULL_RESOLUTION);
        var detector = new FaceDetector(
                ModelFile.YUNET.in(defaults.modelsDir()), defaults.scoreThreshold(), FULL_RESOLUTION, face -> false);
        System.out.println(
                "| frame | ONNX Runtime fps | found | recall | FaceDetectorYN fps | found | recall | speed-up |"
                        + " min box IoU | max landmark gap (face widths) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (var frame : frames) {
            List<DetectedFace> ours = List.of();
            List<DetectedFace> theirs = List.of();
            for (int i = 0; i < 3; i++) {
                ours = detectDecoded(decoder, frame.jpeg(), detector::detect);
                theirs = detectDecoded(decoder, frame.jpeg(), opencv::detect);
            }
            long t0 = System.nanoTime();
            for (int r = 0; r < ROUNDS; r++) {
                detectDecoded(decoder, frame.jpeg(), detector::detect);
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < ROUNDS; r++) {
                detectDecoded(decoder, frame.jpeg(), opencv::detect);
            }
            long t2 = System.nanoTime();
            double minIou = 1;
            double maxGap = 0;
            for (var a : ours) {
                var b = theirs.stream()
                        .max(Comparator.comparingDouble(t -> a.iou(t)))
                        .orElse(null);
                minIou = Math.min(minIou, b == null ? 0 : a.iou(b));
                for (int k = 0; b != null && k < 5; k++) {
                    maxGap = Math.max(
                            maxGap,
                            Math.hypot(a.landmarkX(k) - b.landmarkX(k), a.landmarkY(k) - b.landmarkY(k)) / a.width());
                }
            }
            double oursFps = 1e9 * ROUNDS / (t1 - t0);
            double theirsFps = 1e9 * ROUNDS / (t2 - t1);
            System.out.printf(
                    "| %s | %.1f | %d | %.2f | %.1f | %d | %.2f | %.2fx | %.3f | %.3f |%n",
                    frame.label(),
                    oursFps,
                    ours.size(),
                    recall(frame.tiles(), boxes(ours)),
                    theirsFps,
                    theirs.size(),
                    recall(frame.tiles(), boxes(theirs)),
                    oursFps / theirsFps,
                    minIou,
                    maxGap);
        }
        detector.close();
    }

    /** Decodes the frame and detects its faces with {@code detector} (decoding is part of what the benchmark times). */
    private static List<DetectedFace> detectDecoded(
            ImageDecoder decoder, byte[] jpeg, Function<Mat, List<DetectedFace>> detector) {
        var m = decoder.decode(jpeg);
        try {
            return detector.apply(m);
        } finally {
            m.release();
        }
    }

    private static List<Rect> boxes(List<DetectedFace> faces) {
        return faces.stream()
                .map(f -> new Rect((int) f.x(), (int) f.y(), (int) f.width(), (int) f.height()))
                .toList();
    }

    /**
     * YuNet next to the classic OpenCV Haar-cascade face+eye detector on the same frames, one thread, decode
     * included in both. Recall = placed faces whose tile holds the centre of at least one detection.
     */
    private static void haarBaseline(FaceAnalyzer analyzer, ImageDecoder decoder, List<Composed> frames) {
        var dir = Path.of(System.getProperty("haarcascades.dir", "/usr/share/opencv4/haarcascades"));
        var faceFile = dir.resolve("haarcascade_frontalface_default.xml");
        var eyeFile = dir.resolve("haarcascade_eye.xml");
        if (!Files.isRegularFile(faceFile) || !Files.isRegularFile(eyeFile)) {
            System.out.println("Haar cascade baseline skipped: no cascades in " + dir
                    + "; run `apt-get install opencv-data` or set -Dhaarcascades.dir=<dir with the XML files>.");
            return;
        }
        var faceCascade = new CascadeClassifier(faceFile.toString());
        var eyeCascade = new CascadeClassifier(eyeFile.toString());
        System.out.println("| frame | faces placed | YuNet fps | YuNet found | YuNet recall | Haar face+eye fps |"
                + " Haar found | Haar recall | Haar eyes | YuNet/Haar speed |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (var frame : frames) {
            List<Rect> yunetBoxes = List.of();
            List<Rect> haarBoxes = List.of();
            int eyes = 0;
            for (int i = 0; i < 3; i++) {
                yunetBoxes = yunet(analyzer, decoder, frame.jpeg());
                haarBoxes = new ArrayList<>();
                eyes = haar(faceCascade, eyeCascade, decoder, frame.jpeg(), haarBoxes);
            }
            long t0 = System.nanoTime();
            for (int r = 0; r < ROUNDS; r++) {
                yunet(analyzer, decoder, frame.jpeg());
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < ROUNDS; r++) {
                haar(faceCascade, eyeCascade, decoder, frame.jpeg(), new ArrayList<>());
            }
            long t2 = System.nanoTime();
            double yunetFps = 1e9 * ROUNDS / (t1 - t0);
            double haarFps = 1e9 * ROUNDS / (t2 - t1);
            System.out.printf(
                    "| %s | %d | %.1f | %d | %.2f | %.1f | %d | %.2f | %d | %.2fx |%n",
                    frame.label(),
                    frame.tiles().size(),
                    yunetFps,
                    yunetBoxes.size(),
                    recall(frame.tiles(), yunetBoxes),
                    haarFps,
                    haarBoxes.size(),
                    recall(frame.tiles(), haarBoxes),
                    eyes,
                    yunetFps / haarFps);
        }
    }

    private static List<Rect> yunet(FaceAnalyzer analyzer, ImageDecoder decoder, byte[] jpeg) {
        return boxes(detectDecoded(decoder, jpeg, analyzer::detect));
    }

    /** Haar faces (into {@code faces}) and eyes searched in the upper 60 % of each face; returns the eye count. */
    private static int haar(
            CascadeClassifier faceCascade,
            CascadeClassifier eyeCascade,
            ImageDecoder decoder,
            byte[] jpeg,
            List<Rect> faces) {
        var m = decoder.decode(jpeg);
        var gray = new Mat();
        Imgproc.cvtColor(m, gray, Imgproc.COLOR_BGR2GRAY);
        Imgproc.equalizeHist(gray, gray);
        var found = new MatOfRect();
        faceCascade.detectMultiScale(gray, found, 1.1, 3, 0, new Size(30, 30), new Size());
        int eyes = 0;
        for (var face : found.toArray()) {
            faces.add(face);
            var upper = gray.submat(new Rect(face.x, face.y, face.width, face.height * 3 / 5));
            var eyeBoxes = new MatOfRect();
            eyeCascade.detectMultiScale(
                    upper, eyeBoxes, 1.1, 3, 0, new Size(face.width / 10.0, face.width / 10.0), new Size());
            eyes += eyeBoxes.toArray().length;
            eyeBoxes.release();
            upper.release();
        }
        found.release();
        gray.release();
        m.release();
        return eyes;
    }

    private static double recall(List<Rect> tiles, List<Rect> detections) {
        long hit = tiles.stream()
                .filter(t -> detections.stream()
                        .anyMatch(d -> t.contains(new Point(d.x + d.width / 2.0, d.y + d.height / 2.0))))
                .count();
        return (double) hit / tiles.size();
    }

    private static void measure(
            FaceAnalyzer analyzer, ImageDecoder decoder, GalleryIndex gallery, byte[] jpeg, String label, int placed) {
        // Warm-up.
        for (int i = 0; i < 3; i++) {
            var m = decoder.decode(jpeg);
            analyzer.analyse(m, Calibration.STRAIGHT_AHEAD, f -> true);
            m.release();
        }
        long decode = 0, detect = 0, describe = 0, embed = 0, match = 0, full = 0, tracked = 0;
        int found = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            var m = decoder.decode(jpeg);
            long t1 = System.nanoTime();
            var faces = analyzer.detect(m);
            long t2 = System.nanoTime();
            found = faces.size();
            var gray = new Mat();
            Imgproc.cvtColor(m, gray, Imgproc.COLOR_BGR2GRAY);
            var gaze = new GazeEstimator(GazeThresholds.DEFAULTS);
            var gate = PipelineSettings.defaults(TestAssets.models()).qualityGate();
            for (var f : faces) {
                var pose = analyzer.poseEstimator().estimate(m, f);
                gaze.estimate(gray, f);
                var aligned = FaceEmbedder.align(m, f);
                gate.assess(f, pose, aligned);
                long t3 = System.nanoTime();
                var v = analyzer.embedder().embed(aligned);
                long t4 = System.nanoTime();
                gallery.search(v, null);
                long t5 = System.nanoTime();
                aligned.release();
                embed += t4 - t3;
                match += t5 - t4;
            }
            long t6 = System.nanoTime();
            describe += (t6 - t2) - 0;
            gray.release();
            decode += t1 - t0;
            detect += t2 - t1;
            m.release();

            long f0 = System.nanoTime();
            var fm = decoder.decode(jpeg);
            analyzer.analyse(fm, Calibration.STRAIGHT_AHEAD, f -> true)
                    .forEach(a -> gallery.search(a.embedding(), null));
            long f1 = System.nanoTime();
            analyzer.analyse(fm, Calibration.STRAIGHT_AHEAD, f -> false);
            long f2 = System.nanoTime();
            fm.release();
            full += f1 - f0;
            tracked += (f2 - f1) + (t1 - t0);
        }
        double perFace = Math.max(1, found) * (double) ROUNDS;
        double describeMs = (describe - embed - match) / 1e6 / perFace;
        System.out.printf(
                "| %s | %d of %d | %.1f | %.1f | %.1f | %.1f | %.3f | %.1f | %.1f |%n",
                label,
                found,
                placed,
                decode / 1e6 / ROUNDS,
                detect / 1e6 / ROUNDS,
                describeMs,
                embed / 1e6 / perFace,
                match / 1e6 / perFace,
                1e9 * ROUNDS / full,
                1e9 * ROUNDS / tracked);
    }

    private static void allCores(ImageDecoder decoder, byte[] jpeg, String label) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        var pool = Executors.newFixedThreadPool(cores);
        try {
            var analyzers = new ArrayList<Future<FaceAnalyzer>>();
            for (int i = 0; i < cores; i++) {
                analyzers.add(pool.submit(() -> new FaceAnalyzer(PipelineSettings.defaults(TestAssets.models()))));
            }
            int perWorker = ROUNDS * 2;
            long t0 = System.nanoTime();
            var jobs = new ArrayList<Future<?>>();
            for (var a : analyzers) {
                var analyzer = a.get();
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        var m = decoder.decode(jpeg);
                        analyzer.analyse(m, Calibration.STRAIGHT_AHEAD, f -> true);
                        m.release();
                    }
                }));
            }
            for (var j : jobs) {
                j.get();
            }
            long t1 = System.nanoTime();
            System.out.printf(
                    "All cores (%d workers, one model set each), %s, full pipeline: %.1f frames/s%n",
                    cores, label, 1e9 * perWorker * cores / (t1 - t0));
            for (var a : analyzers) {
                a.get().close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void searchCost() {
        var random = new Random(7);
        for (int size : new int[] {1_000, 10_000, 100_000}) {
            var gallery = randomGallery(size);
            var query = randomUnit(random);
            for (int i = 0; i < 20; i++) {
                gallery.search(query, null);
            }
            int n = 200;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                gallery.search(query, null);
            }
            long t1 = System.nanoTime();
            System.out.printf("Gallery search, %,d faces: %.3f ms per query%n", size, (t1 - t0) / 1e6 / n);
        }
    }

    private static GalleryIndex randomGallery(int size) {
        var random = new Random(size);
        var gallery = new GalleryIndex(128);
        for (int i = 0; i < size; i++) {
            gallery.replace(UUID.randomUUID(), List.of(randomUnit(random)));
        }
        return gallery;
    }

    private static float[] randomUnit(Random random) {
        var v = new float[128];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return FaceEmbedder.normalise(v);
    }

    /** Square crops (1.6x the face box) of the largest face of every enrol/probe photo. */
    private static List<Mat> faceCrops(FaceAnalyzer analyzer, ImageDecoder decoder) throws Exception {
        var crops = new ArrayList<Mat>();
        try (Stream<Path> files = Files.walk(TestAssets.faces())) {
            for (var photo : files.filter(p -> p.toString().matches(".*/(enrol|probe)/.*\\.(jpe?g|png)$"))
                    .sorted()
                    .toList()) {
                var m = decoder.decode(TestAssets.read(photo));
                analyzer.detect(m).stream()
                        .max(Comparator.comparingDouble(DetectedFace::width))
                        .ifPresent(f -> crops.add(Crops.squareCrop(
                                m,
                                f.x() + f.width() / 2.0,
                                f.y() + f.height() / 2.0,
                                Math.max(f.width(), f.height()) * 1.6)));
                m.release();
            }
        }
        return crops;
    }

    /** A composed frame and where its faces were placed. */
    private record Composed(String label, byte[] jpeg, List<Rect> tiles) {}

    /** A JPEG frame with {@code faces} face crops tiled on a grey background. */
    private static Composed compose(List<Mat> crops, Size size, int faces) {
        int cols = (int) Math.ceil(Math.sqrt(faces * size.width / size.height));
        int rows = (int) Math.ceil((double) faces / cols);
        int tile = (int) Math.min(size.width / cols, size.height / rows);
        var frame = new Mat(size, org.opencv.core.CvType.CV_8UC3, new Scalar(120, 120, 120));
        var tiles = new ArrayList<Rect>();
        for (int i = 0; i < faces; i++) {
            var resized = new Mat();
            Imgproc.resize(crops.get(i % crops.size()), resized, new Size(tile, tile));
            var at = new Rect((i % cols) * tile, (i / cols) * tile, tile, tile);
            resized.copyTo(frame.submat(at));
            tiles.add(at);
            resized.release();
        }
        var out = new MatOfByte();
        Imgcodecs.imencode(".jpg", frame, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        frame.release();
        return new Composed("%dx%d".formatted((int) size.width, (int) size.height), out.toArray(), tiles);
    }
}
