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
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Throughput and per-stage cost on composed classroom frames (face photos tiled into 640x480 and 1280x720
 * frames), gallery search at 1k/10k/100k faces. Run with
 * {@code ./mvnw -pl vision-service test -Dgroups=benchmark -DexcludedGroups= -Dtest=PipelineBenchmark}.
 */
@Tag("benchmark")
class PipelineBenchmark {

    private static final int ROUNDS = 20;

    @Test
    void report() throws Exception {
        var analyzer = TestAssets.analyzer();
        var decoder = new ImageDecoder(40_000_000, 8192);
        var crops = faceCrops(analyzer, decoder);
        var gallery = randomGallery(1_000);
        System.out.println("| frame | faces found | decode ms | detect ms | pose+gaze+quality ms/face | embed ms/face |"
                + " match ms/face | full pipeline fps (1 core) | tracked fps (1 core, no re-embed) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        var frames = new ArrayList<byte[]>();
        for (var size : new Size[] {new Size(640, 480), new Size(1280, 720)}) {
            for (int faces : new int[] {1, 6, 20}) {
                var jpeg = compose(crops, size, faces);
                frames.add(jpeg);
                measure(
                        analyzer,
                        decoder,
                        gallery,
                        jpeg,
                        "%dx%d".formatted((int) size.width, (int) size.height),
                        faces);
            }
        }
        allCores(decoder, frames.get(1), "640x480, 6 faces");
        searchCost();
        System.out.println("Haar cascade baseline: skipped, the openpnp 4.9.0-0 jar ships no cascade XML and none is"
                + " installed on this machine (no internet to fetch haarcascade_frontalface_default.xml).");
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
            var gaze = new GazeEstimator(10, 0.17, 0.2);
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

    /** A JPEG frame with {@code faces} face crops tiled on a grey background. */
    private static byte[] compose(List<Mat> crops, Size size, int faces) {
        int cols = (int) Math.ceil(Math.sqrt(faces * size.width / size.height));
        int rows = (int) Math.ceil((double) faces / cols);
        int tile = (int) Math.min(size.width / cols, size.height / rows);
        var frame = new Mat(size, org.opencv.core.CvType.CV_8UC3, new Scalar(120, 120, 120));
        for (int i = 0; i < faces; i++) {
            var resized = new Mat();
            Imgproc.resize(crops.get(i % crops.size()), resized, new Size(tile, tile));
            resized.copyTo(frame.submat(new Rect((i % cols) * tile, (i / cols) * tile, tile, tile)));
            resized.release();
        }
        var out = new MatOfByte();
        Imgcodecs.imencode(".jpg", frame, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        frame.release();
        return out.toArray();
    }
}
