package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Head pose on the labelled group photos ({@code media/faces/group/labels.tsv}): the FSA-Net yaw and the landmark
 * ratio agree in sign, and frontal faces are told apart from turned ones.
 */
class HeadPoseAccuracyTest {

    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, 8192);

    /** A labelled face: the YuNet detection that best overlaps the box from labels.tsv. */
    record Labelled(String file, int index, FaceAnalysis analysis, String note) {}

    @Test
    void yawSignAndFrontalVersusTurned() throws Exception {
        var labelled = labelledFaces();
        for (var f : labelled) {
            var pose = f.analysis().pose();
            System.out.printf(
                    "%s#%d yaw %.1f pitch %.1f roll %.1f landmark ratio %.2f gaze %s attentive %s (%s)%n",
                    f.file(),
                    f.index(),
                    pose.yawDeg(),
                    pose.pitchDeg(),
                    pose.rollDeg(),
                    pose.landmarkYawRatio(),
                    f.analysis().gaze(),
                    f.analysis().attentive(),
                    f.note());
        }
        var t1Face1 = find(labelled, "t1.jpg", 1).analysis().pose();
        var t1Face4 = find(labelled, "t1.jpg", 4).analysis().pose();
        var girl = find(labelled, "obama_and_biden.jpg", 2).analysis().pose();
        // The labels give the landmark ratio's sign; FSA-Net's yaw has the opposite sign convention.
        assertThat(t1Face1.landmarkYawRatio()).isBetween(-0.5, -0.15);
        assertThat(t1Face4.landmarkYawRatio()).isBetween(-1.0, -0.5);
        assertThat(girl.landmarkYawRatio()).isBetween(-0.8, -0.35);
        for (var turned : List.of(t1Face1, t1Face4, girl)) {
            assertThat(turned.yawDeg()).isPositive();
            assertThat(Math.signum(turned.yawDeg())).isEqualTo(-Math.signum(turned.landmarkYawRatio()));
        }
        assertThat(t1Face4.yawDeg()).isGreaterThan(35).isGreaterThan(t1Face1.yawDeg());
        assertThat(girl.yawDeg()).isGreaterThan(25);
        for (var frontal : List.of(
                find(labelled, "t1.jpg", 0),
                find(labelled, "t1.jpg", 2),
                find(labelled, "obama_and_biden.jpg", 1),
                find(labelled, "kit_with_rose.jpg", 0))) {
            assertThat(Math.abs(frontal.analysis().pose().yawDeg()))
                    .as("frontal %s#%d", frontal.file(), frontal.index())
                    .isLessThan(15);
            assertThat(frontal.analysis().attentive()).isTrue();
        }
        assertThat(find(labelled, "t1.jpg", 4).analysis().attentive()).isFalse();
        assertThat(find(labelled, "obama_and_biden.jpg", 2).analysis().attentive())
                .isFalse();
    }

    @Test
    void theHandNearTheTopRightIsNotAFace() {
        var image = DECODER.decode(TestAssets.read(TestAssets.faces().resolve("group/obama_and_biden.jpg")));
        assertThat(TestAssets.analyzer().detect(image)).hasSize(3);
    }

    private static Labelled find(List<Labelled> all, String file, int index) {
        return all.stream()
                .filter(l -> l.file().equals(file) && l.index() == index)
                .findFirst()
                .orElseThrow();
    }

    private static List<Labelled> labelledFaces() throws Exception {
        var group = TestAssets.faces().resolve("group");
        var lines = Files.readAllLines(group.resolve("labels.tsv"));
        return lines.stream()
                .skip(1)
                .filter(l -> !l.isBlank())
                .map(line -> {
                    var cols = line.split("\t");
                    var box = cols[2].split(",");
                    double cx = Double.parseDouble(box[0]) + Double.parseDouble(box[2]) / 2;
                    double cy = Double.parseDouble(box[1]) + Double.parseDouble(box[3]) / 2;
                    var image = DECODER.decode(TestAssets.read(group.resolve(cols[0])));
                    var analyses = TestAssets.analyzer().analyse(image, Calibration.STRAIGHT_AHEAD, f -> false);
                    var nearest = analyses.stream()
                            .min((a, b) -> Double.compare(distance(a.face(), cx, cy), distance(b.face(), cx, cy)))
                            .orElseThrow();
                    assertThat(distance(nearest.face(), cx, cy))
                            .as("%s face %s found", cols[0], cols[1])
                            .isLessThan(30);
                    return new Labelled(cols[0], Integer.parseInt(cols[1]), nearest, cols.length > 4 ? cols[4] : "");
                })
                .toList();
    }

    private static double distance(DetectedFace f, double cx, double cy) {
        return Math.hypot(f.x() + f.width() / 2 - cx, f.y() + f.height() / 2 - cy);
    }
}
