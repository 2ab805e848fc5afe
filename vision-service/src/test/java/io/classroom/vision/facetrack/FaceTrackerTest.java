package io.classroom.vision.facetrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.gallery.Recognition.Identity;
import io.classroom.vision.pipeline.DetectedFace;
import io.classroom.vision.pipeline.FaceAnalysis;
import io.classroom.vision.pipeline.HeadPose;
import io.classroom.vision.pipeline.Quality;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

    private static FaceAnalysis face(float x, boolean attentive, boolean embedded) {
        var d = new DetectedFace(x, 100, 100, 120, new float[10], 0.9f);
        return new FaceAnalysis(
                d,
                new HeadPose(0, 0, 0, 0),
                null,
                new Quality(100, 200, true, null),
                attentive,
                embedded ? new float[] {1} : null);
    }

    @Test
    void followsAFaceSmoothsIdentityAndAttentionAndReembedsOnlyWhenNeeded() {
        var tracker = new FaceTracker("cam", 0.3, 3000, 2000, 5);
        var ada = UUID.randomUUID();
        var bob = UUID.randomUUID();

        assertThat(tracker.needsEmbedding(face(100, true, false).face(), 0)).isTrue();
        var first = tracker.update(List.of(face(100, true, true)), v -> new Identity(ada, 0.7), 0);
        var trackId = first.get(0).trackId();
        assertThat(first.get(0).identity().userId()).isEqualTo(ada);

        tracker.update(List.of(face(105, true, true)), v -> new Identity(ada, 0.7), 100);
        // Settled: the same track is not re-embedded until the interval passes.
        assertThat(tracker.needsEmbedding(face(108, true, false).face(), 200)).isFalse();
        assertThat(tracker.needsEmbedding(face(108, true, false).face(), 3200)).isTrue();

        // One bad frame (wrong identity, not attentive) flips neither.
        var glitch = tracker.update(List.of(face(110, false, true)), v -> new Identity(bob, 0.5), 300);
        assertThat(glitch.get(0).trackId()).isEqualTo(trackId);
        assertThat(glitch.get(0).identity().userId()).isEqualTo(ada);
        assertThat(glitch.get(0).attentive()).isTrue();

        // A face elsewhere starts a new track; the old one expires after the gap.
        var other = tracker.update(List.of(face(600, true, true)), v -> null, 400);
        assertThat(other.get(0).trackId()).isNotEqualTo(trackId);
        assertThat(other.get(0).identity()).isNull();
        tracker.update(List.of(), v -> null, 5000);
        assertThat(tracker.activeTracks()).isZero();
    }

    @Test
    void iouOfBoxes() {
        var a = new DetectedFace(0, 0, 10, 10, new float[10], 1);
        var b = new DetectedFace(5, 0, 10, 10, new float[10], 1);
        assertThat(FaceTracker.iou(a, a)).isEqualTo(1.0);
        assertThat(FaceTracker.iou(a, b)).isEqualTo(50.0 / 150.0);
    }
}
