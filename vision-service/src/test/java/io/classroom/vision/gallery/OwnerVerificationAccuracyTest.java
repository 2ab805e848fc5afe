package io.classroom.vision.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.pipeline.FaceAnalyzer;
import io.classroom.vision.pipeline.ImageDecoder;
import io.classroom.vision.pipeline.TestAssets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webcam owner threshold ({@code vision.recognition.owner-threshold}) measured on the face test set: genuine pairs
 * (a person's enrolment photo, each probe of the same person) and impostor pairs (a person's enrolment against every
 * probe and enrolment photo of the other people and every unknown face), each verified as the pipeline does it for a
 * webcam frame: the largest face, if the quality gate passes, 1:1 against the claimed owner's enrolment. Prints the
 * distributions and false accept / false reject rates per threshold; fails when the shipped threshold accepts an
 * impostor or rejects a genuine pair of this set.
 */
class OwnerVerificationAccuracyTest {

    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, 8192);

    /** One photo's person ("unknown" for the open-set faces) and its largest face's embedding (null: unusable). */
    private record Probe(String person, String file, float[] vector) {}

    /** A claimed owner against a photo: same person or not, and the similarity (NaN when no usable face). */
    private record Pair(String owner, String file, boolean genuine, double similarity) {}

    private static GalleryIndex GALLERY;
    private static final Map<String, UUID> OWNERS = new LinkedHashMap<>();
    private static final List<Probe> PROBES = new ArrayList<>();

    @BeforeAll
    static void enrolAndEmbed() {
        // as the service enrols: exactly one face per photo, embedded whatever its quality
        var enrolled = TestEnrolment.enrolEveryone(TestAssets.analyzer(), DECODER);
        GALLERY = enrolled.gallery();
        OWNERS.putAll(enrolled.ids());
        for (var name : OWNERS.keySet()) {
            var photos = enrolled.photos().get(name);
            for (int i = 0; i < photos.size(); i++) {
                PROBES.add(new Probe(
                        name,
                        name + "/enrol/" + photos.get(i).getFileName(),
                        enrolled.vectors().get(name).get(i)));
            }
            for (var photo : TestAssets.images(TestAssets.faces().resolve(name).resolve("probe"))) {
                PROBES.add(new Probe(name, name + "/probe/" + photo.getFileName(), largestUsableFace(photo)));
            }
        }
        for (var photo : TestAssets.images(TestAssets.faces().resolve("unknown"))) {
            PROBES.add(new Probe("unknown", "unknown/" + photo.getFileName(), largestUsableFace(photo)));
        }
    }

    @Test
    void theShippedThresholdSeparatesOwnersFromEveryoneElse() throws Exception {
        double threshold = shippedThreshold();
        var pairs = pairs();
        var genuine = pairs.stream().filter(Pair::genuine).toList();
        var impostor = pairs.stream().filter(p -> !p.genuine()).toList();

        System.out.println("owner verification on media/faces: genuine = enrolment vs probe of the same person,"
                + " impostor = enrolment vs another person's probe, enrolment or an unknown face");
        genuine.forEach(p -> System.out.printf("genuine  %-20s %-58s %.3f%n", p.owner(), p.file(), p.similarity()));
        impostor.stream()
                .sorted(Comparator.comparingDouble(Pair::similarity).reversed())
                .limit(5)
                .forEach(p -> System.out.printf(
                        "impostor %-20s %-58s %.3f (highest)%n", p.owner(), p.file(), p.similarity()));
        System.out.println(summary("genuine ", genuine));
        System.out.println(summary("impostor", impostor));
        System.out.println("| threshold | false accepts | FAR | false rejects | FRR |");
        System.out.println("|---|---|---|---|---|");
        var thresholds = new ArrayList<>(List.of(0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60));
        thresholds.add(threshold);
        thresholds.stream().distinct().sorted().forEach(t -> {
            long fa = impostor.stream().filter(p -> accepted(p, t)).count();
            long fr = genuine.stream().filter(p -> !accepted(p, t)).count();
            System.out.printf(
                    "| %.2f%s | %d / %d | %.3f | %d / %d | %.3f |%n",
                    t,
                    t == threshold ? " (shipped)" : "",
                    fa,
                    impostor.size(),
                    (double) fa / impostor.size(),
                    fr,
                    genuine.size(),
                    (double) fr / genuine.size());
        });

        assertThat(genuine).hasSizeGreaterThanOrEqualTo(15);
        assertThat(impostor).hasSizeGreaterThanOrEqualTo(150);
        assertThat(impostor).as("false accepts at %.2f", threshold).noneMatch(p -> accepted(p, threshold));
        assertThat(genuine).as("false rejects at %.2f", threshold).allMatch(p -> accepted(p, threshold));
    }

    /** Every claimed owner against every photo, through the gallery's 1:1 search and the decision of the service. */
    private static List<Pair> pairs() {
        var pairs = new ArrayList<Pair>();
        for (var owner : OWNERS.entrySet()) {
            for (var probe : PROBES) {
                boolean genuine = probe.person().equals(owner.getKey());
                if (genuine && probe.file().contains("/enrol/")) {
                    continue; // the enrolment photo itself is no evidence
                }
                double similarity = probe.vector() == null
                        ? Double.NaN
                        : GALLERY.bestOf(owner.getValue(), probe.vector()).orElseThrow();
                pairs.add(new Pair(owner.getKey(), probe.file(), genuine, similarity));
            }
        }
        // each pair of enrolment photos once, not in both directions
        pairs.removeIf(
                p -> !p.genuine() && p.file().contains("/enrol/") && p.file().compareTo(p.owner()) < 0);
        return pairs;
    }

    private static boolean accepted(Pair pair, double threshold) {
        var similarity =
                Double.isNaN(pair.similarity()) ? OptionalDouble.empty() : OptionalDouble.of(pair.similarity());
        return new OwnerVerification(threshold).decide(OWNERS.get(pair.owner()), similarity) != null;
    }

    private static String summary(String label, List<Pair> pairs) {
        var values = pairs.stream()
                .mapToDouble(Pair::similarity)
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        return "%s n=%d min %.3f median %.3f mean %.3f max %.3f (no usable face: %d)"
                .formatted(
                        label,
                        pairs.size(),
                        values[0],
                        values[values.length / 2],
                        java.util.Arrays.stream(values).average().orElseThrow(),
                        values[values.length - 1],
                        pairs.size() - values.length);
    }

    /** As the webcam path does it: every face analysed, the largest embedded when the quality gate passes. */
    private static float[] largestUsableFace(Path photo) {
        var analyzer = TestAssets.analyzer();
        var image = DECODER.decode(TestAssets.read(photo));
        try {
            var faces = analyzer.analyse(image, Calibration.STRAIGHT_AHEAD, f -> false);
            int largest = FaceAnalyzer.largest(faces);
            assertThat(largest).as("a face on %s", photo).isNotNegative();
            var face = faces.get(largest);
            return face.quality().usable() ? analyzer.embed(image, face.face()) : null;
        } finally {
            image.release();
        }
    }

    private static double shippedThreshold() {
        return TestEnrolment.shippedDefault("ownerThreshold");
    }
}
