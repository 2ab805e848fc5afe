package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.gallery.GalleryIndex;
import io.classroom.vision.gallery.Recognition;
import io.classroom.vision.gallery.TestEnrolment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accuracy on the real photos: every probe recognised, no unknown face accepted (margins printed). */
class FaceRecognitionAccuracyTest {

    private static final Recognition RECOGNITION = new Recognition(0.45, 0.05);
    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, 8192);
    private static GalleryIndex GALLERY;
    private static Map<UUID, String> NAMES;
    private static Map<String, UUID> IDS;

    @BeforeAll
    static void enrolEveryone() {
        var enrolled = TestEnrolment.enrolEveryone(TestAssets.analyzer(), DECODER);
        GALLERY = enrolled.gallery();
        NAMES = enrolled.names();
        IDS = enrolled.ids();
        assertThat(IDS).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void everyProbeIsRecognised() throws Exception {
        try (Stream<Path> people = Files.list(TestAssets.faces())) {
            for (var person : people.filter(p -> Files.isDirectory(p.resolve("probe")))
                    .sorted()
                    .toList()) {
                var expected = person.getFileName().toString();
                for (var probe : TestAssets.images(person.resolve("probe"))) {
                    var match = GALLERY.search(largestFaceEmbedding(probe), null);
                    System.out.printf(
                            "probe %-40s best %-20s %.3f second %-20s %.3f margin %.3f%n",
                            expected + "/" + probe.getFileName(),
                            NAMES.get(match.userId()),
                            match.similarity(),
                            NAMES.get(match.secondUserId()),
                            match.secondSimilarity(),
                            match.similarity() - match.secondSimilarity());
                    var identity = RECOGNITION.decide(match);
                    assertThat(identity).as("identity of %s", probe).isNotNull();
                    assertThat(identity.userId()).as("identity of %s", probe).isEqualTo(IDS.get(expected));
                }
            }
        }
    }

    @Test
    void noUnknownFaceIsAccepted() {
        for (var photo : TestAssets.images(TestAssets.faces().resolve("unknown"))) {
            var match = GALLERY.search(largestFaceEmbedding(photo), null);
            System.out.printf(
                    "unknown %-40s best %-20s %.3f (threshold %.2f)%n",
                    photo.getFileName(), NAMES.get(match.userId()), match.similarity(), RECOGNITION.threshold());
            assertThat(RECOGNITION.decide(match)).as("identity of %s", photo).isNull();
        }
    }

    @Test
    void rosterRestrictsTheCandidates() {
        var probe = TestAssets.faces().resolve("obama/probe/obama1.jpg");
        var vector = largestFaceEmbedding(probe);
        var onlyBiden = GALLERY.search(vector, java.util.Set.of(IDS.get("biden")));
        assertThat(RECOGNITION.decide(onlyBiden)).isNull();
        var withObama = GALLERY.search(vector, java.util.Set.of(IDS.get("biden"), IDS.get("obama")));
        assertThat(RECOGNITION.decide(withObama).userId()).isEqualTo(IDS.get("obama"));
    }

    static float[] largestFaceEmbedding(Path photo) {
        var analyzer = TestAssets.analyzer();
        var image = DECODER.decode(TestAssets.read(photo));
        try {
            List<DetectedFace> faces = analyzer.detect(image);
            assertThat(faces).as("faces on %s", photo).isNotEmpty();
            var largest = faces.stream()
                    .max(Comparator.comparingDouble(DetectedFace::width))
                    .orElseThrow();
            return analyzer.embed(image, largest);
        } finally {
            image.release();
        }
    }
}
