package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.vision.facetrack.FaceTracker;
import io.classroom.vision.gallery.GalleryIndex;
import io.classroom.vision.gallery.Recognition;
import io.classroom.vision.gallery.TestEnrolment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Accuracy harness (issue 16, item 3): attention and identification per face size and image degradation, through the
 * pipeline as the service runs it ({@link FaceAnalyzer#analyse} with {@link Calibration#STRAIGHT_AHEAD}, the gallery
 * search and the shipped {@link Recognition} decision).
 *
 * <p>Each face of the set is cut out of its full-resolution photo with one face size of context on every side (grey
 * beyond the photo), scaled so that YuNet's box is 40, 60, 90 or 150 px wide (one refinement step on the clean image),
 * and analysed clean and degraded. Prints one table (condition x width) and one {@code TARGET NOT MET} line per unmet
 * target of the issue; asserts the targets listed in {@link #ENFORCED}, which the current pipeline meets.
 */
@Tag("accuracy")
class AccuracyHarnessTest {

    static final int[] WIDTHS = {40, 60, 90, 150};

    /** Faces at least this frontal (|yaw| by the pipeline on the full-resolution photo) count as frontal. */
    static final double FRONTAL_MAX_YAW = 15;

    /** Turned tiles of at least this synthetic yaw, and unknown faces the pipeline reads at least this turned. */
    static final double TURNED_MIN_YAW = 35;

    static final double NOISE_SIGMA = 10;
    static final double BLUR_SIGMA = 1.5;
    static final double BRIGHTNESS = 0.6;
    static final int JPEG_QUALITY = 20;

    /** How a face image is degraded after scaling (combined: blur, darker, noise, then JPEG, as a cheap camera). */
    enum Condition {
        CLEAN("clean"),
        BLUR("blur σ 1.5"),
        NOISE("noise σ 10"),
        DARK("brightness ×0.6"),
        JPEG("JPEG q20"),
        COMBINED("all combined");

        final String label;

        Condition(String label) {
            this.label = label;
        }
    }

    /**
     * The targets asserted: those the current pipeline meets as measured (the others print {@code TARGET NOT MET} and
     * are listed in the vision README). Move a target here once it is met.
     */
    static final Set<String> ENFORCED = Set.of(
            frontalTarget(Condition.CLEAN),
            frontalTarget(Condition.NOISE),
            frontalTarget(Condition.DARK),
            frontalTarget(Condition.JPEG),
            turnedTarget(Condition.CLEAN),
            turnedTarget(Condition.BLUR),
            turnedTarget(Condition.NOISE),
            turnedTarget(Condition.DARK),
            turnedTarget(Condition.JPEG),
            Targets.FALSE_ACCEPTS_COMBINED,
            Targets.FALSE_ACCEPTS_ALL,
            Targets.UNKNOWN_NEVER_ACCEPTED);

    /** The names of the targets. */
    static final class Targets {
        static final String RANK1_COMBINED = "rank-1 >= 95 %, all combined, 60-150 px";
        static final String FALSE_ACCEPTS_COMBINED = "0 false accepts, all combined, 60-150 px";
        static final String FALSE_ACCEPTS_ALL = "0 false accepts, every condition and width";
        static final String UNKNOWN_NEVER_ACCEPTED = "unknown faces never accepted";

        private Targets() {}
    }

    static String frontalTarget(Condition condition) {
        return "frontal attentive >= 97 %, " + condition.label + ", 60-150 px";
    }

    static String turnedTarget(Condition condition) {
        return "turned not attentive >= 95 %, " + condition.label + ", every width";
    }

    /**
     * One face of the set.
     *
     * @param expected the identity a probe must be recognised as, "unknown" for a face that must never be accepted,
     *     null when the face is not queried
     */
    record Source(String file, boolean frontal, boolean turned, String expected, double yawDeg) {}

    /**
     * What the pipeline made of one face at one width under one condition.
     *
     * @param attentive the verdict on a single image ({@link FaceAnalysis#attentiveAlone()}: head on the board, no
     *     reliable sideways gaze)
     * @param gaze the gaze direction, "-" when the eyes are too small for one
     */
    record Outcome(
            boolean detected,
            int widthPx,
            double yawDeg,
            double pitchDeg,
            String gaze,
            boolean attentive,
            boolean embedded,
            UUID accepted) {}

    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, 8192);
    private static final Recognition RECOGNITION = TestEnrolment.shippedRecognition();
    private static final List<Source> SOURCES = new ArrayList<>();
    private static final Map<Condition, Map<Integer, Map<Source, Outcome>>> OUTCOMES = new EnumMap<>(Condition.class);
    /** Frames per track: the combined condition again with fresh noise, as a camera's consecutive frames. */
    static final int TRACK_FRAMES = 5;
    /** The identity a track of {@link #TRACK_FRAMES} combined-condition frames ends with, per width (null: none). */
    private static final Map<Integer, Map<Source, UUID>> TRACKS = new LinkedHashMap<>();

    private static GalleryIndex gallery;
    private static Map<String, UUID> ids;

    @BeforeAll
    static void analyseEveryFaceAtEveryWidthAndCondition() {
        var analyzer = TestAssets.analyzer();
        var enrolled = TestEnrolment.enrolEveryone(analyzer, DECODER);
        gallery = enrolled.gallery();
        ids = enrolled.ids();
        for (var condition : Condition.values()) {
            var perWidth = new LinkedHashMap<Integer, Map<Source, Outcome>>();
            for (int width : WIDTHS) {
                perWidth.put(width, new LinkedHashMap<>());
            }
            OUTCOMES.put(condition, perWidth);
        }
        for (int width : WIDTHS) {
            TRACKS.put(width, new LinkedHashMap<>());
        }
        System.out.printf(
                "accuracy harness: recognition threshold %.2f margin %.2f; frontal = |yaw| <= %.0f° on the full photo"
                        + " or a _front tile; turned = _turned tile of synthetic |yaw| >= %.0f° or unknown face of"
                        + " |yaw| >= %.0f°%n",
                RECOGNITION.threshold(), RECOGNITION.margin(), FRONTAL_MAX_YAW, TURNED_MIN_YAW, TURNED_MIN_YAW);
        for (var person : ids.keySet()) {
            for (var split : List.of("enrol", "probe")) {
                var folder = TestAssets.faces().resolve(person).resolve(split);
                if (folder.toFile().isDirectory()) {
                    for (var photo : TestAssets.images(folder)) {
                        String expected = split.equals("probe") ? person : null;
                        addSource(
                                photo,
                                person + "/" + split,
                                expected,
                                yaw -> Math.abs(yaw) <= FRONTAL_MAX_YAW,
                                y -> false);
                    }
                }
            }
        }
        for (var photo : TestAssets.images(TestAssets.faces().resolve("unknown"))) {
            addSource(photo, "unknown", "unknown", yaw -> false, yaw -> Math.abs(yaw) >= TURNED_MIN_YAW);
        }
        var tiles = classroom().resolve("tiles");
        for (var tile : TestAssets.images(tiles)) {
            var name = tile.getFileName().toString();
            if (name.endsWith("_front.png")) {
                addSource(tile, "tiles", null, yaw -> true, yaw -> false);
            } else if (name.endsWith("_turned.png")) {
                boolean turned = Math.abs(syntheticYaw(name)) >= TURNED_MIN_YAW;
                addSource(tile, "tiles", null, yaw -> false, yaw -> turned);
            }
        }
    }

    @Test
    void tableAndTargets() {
        System.out.println();
        System.out.printf(
                "Accuracy harness: %d frontal faces, %d turned faces, %d probes of %d enrolled people, %d unknown faces"
                        + " (threshold %.2f, margin %.2f)%n",
                count(Source::frontal),
                count(Source::turned),
                count(s -> s.expected() != null && !s.expected().equals("unknown")),
                ids.size(),
                count(s -> "unknown".equals(s.expected())),
                RECOGNITION.threshold(),
                RECOGNITION.margin());
        System.out.println(
                "| condition | face px | frontal attentive | turned not attentive | attentive precision | rank-1 |"
                        + " false accepts (unknown) | probes not embedded | faces not detected |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (var condition : Condition.values()) {
            for (int width : WIDTHS) {
                var c = cell(condition, width);
                System.out.printf(
                        "| %s | %d | %s | %s | %s | %s | %d (%d) | %d | %d / %d |%n",
                        condition.label,
                        width,
                        percent(c.frontalAttentive, c.frontal),
                        percent(c.turnedNotAttentive, c.turned),
                        percent(c.frontalAttentive, c.frontalAttentive + c.turned - c.turnedNotAttentive),
                        percent(c.rank1, c.probes),
                        c.falseAccepts,
                        c.unknownAccepted,
                        c.notEmbedded,
                        c.missed,
                        SOURCES.size());
            }
        }
        System.out.println();
        System.out.printf(
                "Tracks: %d frames of all combined (fresh noise each), identity from the mean of the %d sharpest%n",
                TRACK_FRAMES, FaceTracker.SHARPEST_FRAMES);
        System.out.println("| face px | rank-1, one frame | rank-1, track | false accepts, track (unknown) |");
        System.out.println("|---|---|---|---|");
        for (int width : WIDTHS) {
            var c = cell(Condition.COMBINED, width);
            var t = trackCell(width);
            System.out.printf(
                    "| %d | %s | %s | %d (%d) |%n",
                    width, percent(c.rank1, c.probes), percent(t.rank1, t.probes), t.falseAccepts, t.unknownAccepted);
        }
        System.out.println();
        printDiagnostics();
        System.out.println();

        var soft = new SoftAssertions();
        for (var target : targets()) {
            if (target.met()) {
                System.out.println("target met: " + target.name() + " (" + target.measured() + ")");
            } else {
                System.out.println("TARGET NOT MET: " + target.name() + " (" + target.measured() + ")");
            }
            if (ENFORCED.contains(target.name())) {
                soft.assertThat(target.met())
                        .as("%s: %s", target.name(), target.measured())
                        .isTrue();
            }
        }
        assertThat(targets()).extracting(Target::name).containsAll(ENFORCED);
        soft.assertAll();
    }

    @Test
    void unknownFacesAreNeverAccepted() {
        for (var condition : Condition.values()) {
            for (int width : WIDTHS) {
                OUTCOMES.get(condition).get(width).forEach((source, outcome) -> {
                    if ("unknown".equals(source.expected())) {
                        assertThat(outcome.accepted())
                                .as("%s at %d px, %s", source.file(), width, condition.label)
                                .isNull();
                    }
                });
            }
        }
        TRACKS.forEach((width, tracks) -> tracks.forEach((source, accepted) -> {
            if ("unknown".equals(source.expected())) {
                assertThat(accepted)
                        .as("track of %s at %d px", source.file(), width)
                        .isNull();
            }
        }));
    }

    @Test
    void theSetIsWhatTheHarnessDescribes() {
        assertThat(count(Source::frontal)).isGreaterThanOrEqualTo(15);
        assertThat(count(Source::turned)).isGreaterThanOrEqualTo(3);
        assertThat(count(s -> "unknown".equals(s.expected()))).isGreaterThanOrEqualTo(8);
        assertThat(SOURCES).noneMatch(s -> s.frontal() && s.turned());
    }

    /** The detected widths on the clean images, then every face whose attention was misjudged, and why. */
    private static void printDiagnostics() {
        for (int width : WIDTHS) {
            var widths = OUTCOMES.get(Condition.CLEAN).get(width).values().stream()
                    .filter(Outcome::detected)
                    .mapToInt(Outcome::widthPx)
                    .summaryStatistics();
            System.out.printf(
                    "scaled to %d px: YuNet's box on the clean image %.1f px on average (%d-%d)%n",
                    width, widths.getAverage(), widths.getMin(), widths.getMax());
        }
        for (var condition : Condition.values()) {
            for (int width : WIDTHS) {
                var wrong = new ArrayList<String>();
                OUTCOMES.get(condition).get(width).forEach((s, o) -> {
                    boolean attentive = o.detected() && o.attentive();
                    if ((s.frontal() && !attentive) || (s.turned() && attentive)) {
                        wrong.add(
                                o.detected()
                                        ? "%s%s (yaw %.0f pitch %.0f gaze %s)"
                                                .formatted(
                                                        s.turned() ? "turned " : "",
                                                        s.file(),
                                                        o.yawDeg(),
                                                        o.pitchDeg(),
                                                        o.gaze())
                                        : s.file() + " (not detected)");
                    }
                });
                if (!wrong.isEmpty()) {
                    System.out.printf(
                            "attention wrong, %s, %d px: %s%n", condition.label, width, String.join("; ", wrong));
                }
            }
        }
    }

    /** A target of the issue and whether the current measurements meet it. */
    record Target(String name, boolean met, String measured) {}

    private static List<Target> targets() {
        var targets = new ArrayList<Target>();
        for (var condition : Condition.values()) {
            var measured = new StringBuilder();
            boolean met = true;
            for (int width : WIDTHS) {
                if (width < 60) {
                    continue;
                }
                var c = cell(condition, width);
                met &= c.frontalAttentive >= 0.97 * c.frontal;
                measured.append("%d px %s; ".formatted(width, percent(c.frontalAttentive, c.frontal)));
            }
            targets.add(new Target(frontalTarget(condition), met, trim(measured)));
        }
        for (var condition : Condition.values()) {
            var measured = new StringBuilder();
            boolean met = true;
            for (int width : WIDTHS) {
                var c = cell(condition, width);
                met &= c.turnedNotAttentive >= 0.95 * c.turned;
                measured.append("%d px %s; ".formatted(width, percent(c.turnedNotAttentive, c.turned)));
            }
            targets.add(new Target(turnedTarget(condition), met, trim(measured)));
        }
        var rank1 = new StringBuilder();
        var accepts = new StringBuilder();
        boolean rank1Met = true;
        boolean acceptsMet = true;
        for (int width : WIDTHS) {
            if (width < 60) {
                continue;
            }
            var c = cell(Condition.COMBINED, width);
            rank1Met &= c.rank1 >= 0.95 * c.probes;
            acceptsMet &= c.falseAccepts == 0;
            rank1.append("%d px %s; ".formatted(width, percent(c.rank1, c.probes)));
            accepts.append("%d px %d; ".formatted(width, c.falseAccepts));
        }
        targets.add(new Target(Targets.RANK1_COMBINED, rank1Met, trim(rank1)));
        targets.add(new Target(Targets.FALSE_ACCEPTS_COMBINED, acceptsMet, trim(accepts)));
        int falseAccepts = 0;
        int unknownAccepted = 0;
        for (int width : WIDTHS) {
            for (var condition : Condition.values()) {
                var c = cell(condition, width);
                falseAccepts += c.falseAccepts;
                unknownAccepted += c.unknownAccepted;
            }
            var t = trackCell(width);
            falseAccepts += t.falseAccepts;
            unknownAccepted += t.unknownAccepted;
        }
        targets.add(new Target(Targets.FALSE_ACCEPTS_ALL, falseAccepts == 0, falseAccepts + " false accepts"));
        targets.add(new Target(
                Targets.UNKNOWN_NEVER_ACCEPTED, unknownAccepted == 0, unknownAccepted + " unknown faces accepted"));
        return targets;
    }

    /** The identification counts of the tracks of one width. */
    private static Cell trackCell(int width) {
        var c = new Cell();
        TRACKS.get(width).forEach((s, accepted) -> {
            boolean unknown = s.expected().equals("unknown");
            if (!unknown) {
                c.probes++;
                c.rank1 += ids.get(s.expected()).equals(accepted) ? 1 : 0;
            }
            if (accepted != null && (unknown || !ids.get(s.expected()).equals(accepted))) {
                c.falseAccepts++;
                c.unknownAccepted += unknown ? 1 : 0;
            }
        });
        return c;
    }

    /** The counts of one condition and width. */
    private static final class Cell {
        int frontal;
        int frontalAttentive;
        int turned;
        int turnedNotAttentive;
        int probes;
        int rank1;
        int falseAccepts;
        int unknownAccepted;
        int notEmbedded;
        int missed;
    }

    /**
     * Counts one condition and width. A face that is not detected counts as not attentive (the service reports no one
     * there) and as not recognised; the "not detected" column says how many.
     */
    private static Cell cell(Condition condition, int width) {
        var c = new Cell();
        OUTCOMES.get(condition).get(width).forEach((s, o) -> {
            boolean attentive = o.detected() && o.attentive();
            if (!o.detected()) {
                c.missed++;
            }
            if (s.frontal()) {
                c.frontal++;
                c.frontalAttentive += attentive ? 1 : 0;
            }
            if (s.turned()) {
                c.turned++;
                c.turnedNotAttentive += attentive ? 0 : 1;
            }
            if (s.expected() == null) {
                return;
            }
            boolean unknown = s.expected().equals("unknown");
            if (!unknown) {
                c.probes++;
                if (ids.get(s.expected()).equals(o.accepted())) {
                    c.rank1++;
                }
                if (!o.embedded()) {
                    c.notEmbedded++;
                }
            }
            if (o.accepted() != null && (unknown || !ids.get(s.expected()).equals(o.accepted()))) {
                c.falseAccepts++;
                c.unknownAccepted += unknown ? 1 : 0;
            }
        });
        return c;
    }

    /**
     * Adds one photo to the set: analysed at full resolution (its head pose decides frontal or turned), then scaled to
     * every width and analysed under every condition. Faces neither frontal, turned nor queried are left out.
     */
    private static void addSource(
            Path photo, String folder, String expected, Predicate<Double> frontal, Predicate<Double> turned) {
        var analyzer = TestAssets.analyzer();
        var image = DECODER.decode(TestAssets.read(photo));
        try {
            var faces = analyzer.analyse(image, Calibration.STRAIGHT_AHEAD, f -> false);
            int largest = FaceAnalyzer.largest(faces);
            assertThat(largest).as("a face on %s", photo).isNotNegative();
            var full = faces.get(largest);
            double yaw = full.pose().yawDeg();
            var source =
                    new Source(folder + "/" + photo.getFileName(), frontal.test(yaw), turned.test(yaw), expected, yaw);
            System.out.printf(
                    "face %-58s %4.0f px yaw %6.1f pitch %6.1f attentive %-5s -> %s%n",
                    source.file(),
                    full.face().width(),
                    yaw,
                    full.pose().pitchDeg(),
                    full.attentiveAlone(),
                    source.frontal() ? "frontal" : source.turned() ? "turned" : expected != null ? "query" : "unused");
            if (!source.frontal() && !source.turned() && expected == null) {
                return;
            }
            SOURCES.add(source);
            for (int width : WIDTHS) {
                analyseAtWidth(image, full.face(), source, width);
            }
        } finally {
            image.release();
        }
    }

    private static void analyseAtWidth(Mat photo, DetectedFace face, Source source, int width) {
        var analyzer = TestAssets.analyzer();
        double scale = width / (double) face.width();
        // one refinement step: YuNet's box on the scaled image does not scale exactly with the image
        var first = place(photo, face, scale);
        try {
            var found = nearestCentre(analyzer.detect(first), first, width);
            if (found != null) {
                scale *= width / (double) found.width();
            }
        } finally {
            first.release();
        }
        var clean = place(photo, face, scale);
        try {
            for (var condition : Condition.values()) {
                var degraded = degrade(clean, condition, (source.file() + width + condition).hashCode());
                try {
                    var analyses =
                            analyzer.analyse(degraded, Calibration.STRAIGHT_AHEAD, f -> source.expected() != null);
                    OUTCOMES.get(condition).get(width).put(source, outcome(analyses, degraded, width));
                } finally {
                    degraded.release();
                }
            }
            if (source.expected() != null) {
                TRACKS.get(width).put(source, trackIdentity(clean, source, width));
            }
        } finally {
            clean.release();
        }
    }

    /**
     * The identity a {@link FaceTracker} gives the placed face after {@link #TRACK_FRAMES} frames of the combined
     * condition, each with its own noise; null when it has none.
     */
    private static UUID trackIdentity(Mat clean, Source source, int width) {
        var analyzer = TestAssets.analyzer();
        var tracker = new FaceTracker("harness", 0.3, 0, 0, 60_000, TRACK_FRAMES, 0.17, 30, 3);
        UUID identity = null;
        for (int frame = 0; frame < TRACK_FRAMES; frame++) {
            var degraded = degrade(clean, Condition.COMBINED, (source.file() + width + "track" + frame).hashCode());
            try {
                var analyses = analyzer.analyse(degraded, Calibration.STRAIGHT_AHEAD, f -> true);
                var placed =
                        nearestCentre(analyses.stream().map(FaceAnalysis::face).toList(), degraded, width);
                analyses = analyses.stream().filter(a -> a.face() == placed).toList();
                var tracked = tracker.update(analyses, v -> RECOGNITION.decide(gallery.search(v, null)), frame * 1000L);
                identity = tracked.isEmpty() || tracked.get(0).identity() == null
                        ? null
                        : tracked.get(0).identity().userId();
            } finally {
                degraded.release();
            }
        }
        return identity;
    }

    /** The analysis of the placed face (nearest the centre) and the service's decision on its embedding. */
    private static Outcome outcome(List<FaceAnalysis> analyses, Mat image, int width) {
        var placed = nearestCentre(analyses.stream().map(FaceAnalysis::face).toList(), image, width);
        FaceAnalysis mine =
                analyses.stream().filter(a -> a.face() == placed).findFirst().orElse(null);
        if (mine == null) {
            return new Outcome(false, 0, Double.NaN, Double.NaN, "-", false, false, null);
        }
        UUID accepted = null;
        if (mine.embedding() != null) {
            var identity = RECOGNITION.decide(gallery.search(mine.embedding(), null));
            accepted = identity == null ? null : identity.userId();
        }
        return new Outcome(
                true,
                Math.round(mine.face().width()),
                mine.pose().yawDeg(),
                mine.pose().pitchDeg(),
                mine.gaze() == null ? "-" : mine.gaze().direction().name(),
                mine.attentiveAlone(),
                mine.embedding() != null,
                accepted);
    }

    /** The detection whose centre is nearest the image centre (where the face was placed), null if none is close. */
    static DetectedFace nearestCentre(List<DetectedFace> faces, Mat image, int width) {
        DetectedFace best = null;
        double bestDistance = width * 0.5;
        for (var f : faces) {
            double d =
                    Math.hypot(f.x() + f.width() / 2 - image.cols() / 2.0, f.y() + f.height() / 2 - image.rows() / 2.0);
            if (d < bestDistance) {
                best = f;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * The face's square surroundings (its box's longer side plus that much again on every side, neutral grey beyond
     * the photo), scaled by {@code scale}: the face box centre lands at the image centre.
     */
    static Mat place(Mat photo, DetectedFace face, double scale) {
        double cx = face.x() + face.width() / 2;
        double cy = face.y() + face.height() / 2;
        int side = (int) Math.round(Math.max(face.width(), face.height()) * 3);
        int x0 = (int) Math.round(cx - side / 2.0);
        int y0 = (int) Math.round(cy - side / 2.0);
        var region = new Mat(side, side, CvType.CV_8UC3, new Scalar(128, 128, 128));
        int ix0 = Math.max(0, x0);
        int iy0 = Math.max(0, y0);
        int ix1 = Math.min(photo.cols(), x0 + side);
        int iy1 = Math.min(photo.rows(), y0 + side);
        var from = photo.submat(new Rect(ix0, iy0, ix1 - ix0, iy1 - iy0));
        var to = region.submat(new Rect(ix0 - x0, iy0 - y0, ix1 - ix0, iy1 - iy0));
        from.copyTo(to);
        from.release();
        to.release();
        int out = Math.max(32, (int) Math.round(side * scale));
        var scaled = new Mat();
        Imgproc.resize(region, scaled, new Size(out, out), 0, 0, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
        region.release();
        return scaled;
    }

    /** A degraded copy; the noise is seeded so every run sees the same pixels. */
    static Mat degrade(Mat clean, Condition condition, long seed) {
        var image = clean.clone();
        boolean all = condition == Condition.COMBINED;
        if (all || condition == Condition.BLUR) {
            Imgproc.GaussianBlur(image, image, new Size(0, 0), BLUR_SIGMA);
        }
        if (all || condition == Condition.DARK) {
            image.convertTo(image, -1, BRIGHTNESS, 0);
        }
        if (all || condition == Condition.NOISE) {
            var pixels = new byte[(int) (image.total() * image.channels())];
            image.get(0, 0, pixels);
            var random = new Random(seed);
            for (int i = 0; i < pixels.length; i++) {
                double v = (pixels[i] & 0xFF) + random.nextGaussian() * NOISE_SIGMA;
                pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
            image.put(0, 0, pixels);
        }
        if (all || condition == Condition.JPEG) {
            var encoded = new MatOfByte();
            Imgcodecs.imencode(".jpg", image, encoded, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY));
            image.release();
            image = DECODER.decode(encoded.toArray());
            encoded.release();
        }
        return image;
    }

    private static Path classroom() {
        return TestAssets.dir().resolve("media/classroom");
    }

    /** The synthetic yaw of a turned tile, from demo.truth.json. */
    private static double syntheticYaw(String tile) {
        try {
            var truth = new ObjectMapper()
                    .readTree(classroom().resolve("demo.truth.json").toFile());
            for (var person : truth.get("persons")) {
                var turned = person.path("tiles").path("turned").asText("");
                if (turned.endsWith("/" + tile)) {
                    return person.path("turned_tile").path("synthetic_yaw_deg").asDouble();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no synthetic yaw for " + tile + " in demo.truth.json");
    }

    private static long count(Predicate<Source> filter) {
        return SOURCES.stream().filter(filter).count();
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "–" : "%.1f %% (%d/%d)".formatted(100.0 * part / whole, part, whole);
    }

    private static String trim(StringBuilder text) {
        return text.toString().replaceAll(";\\s*$", "");
    }
}
