package io.classroom.vision.facetrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.facetrack.FaceTracker.TrackedFace;
import io.classroom.vision.gallery.Recognition.Identity;
import io.classroom.vision.pipeline.DetectedFace;
import io.classroom.vision.pipeline.FaceAnalysis;
import io.classroom.vision.pipeline.FaceEmbedder;
import io.classroom.vision.pipeline.Gaze;
import io.classroom.vision.pipeline.HeadPose;
import io.classroom.vision.pipeline.Quality;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

    private static final float[] ADA = {1, 0};
    private static final float[] BOB = {0, 1};

    /** A face at {@code x}, sharp unless said otherwise, with its embedding (null when not embedded). */
    private static FaceAnalysis face(float x, boolean attentive, float[] embedding) {
        return face(x, attentive, embedding, 200);
    }

    private static FaceAnalysis face(float x, boolean attentive, float[] embedding, double sharpness) {
        var d = new DetectedFace(x, 100, 100, 120, new float[10], 0.9f);
        return new FaceAnalysis(
                d, new HeadPose(0, 0, 0, 0), null, new Quality(100, sharpness, true, null), attentive, embedding);
    }

    /** A two-person gallery: the nearer of ada and bob, accepted from a similarity of 0.8. */
    private static Function<float[], Identity> gallery(UUID ada, UUID bob) {
        return v -> {
            double toAda = FaceEmbedder.cosine(v, ADA);
            double toBob = FaceEmbedder.cosine(v, BOB);
            double best = Math.max(toAda, toBob);
            return best < 0.8 ? null : new Identity(toAda >= toBob ? ada : bob, best);
        };
    }

    @Test
    void followsAFaceSmoothsIdentityAndAttentionAndReembedsOnlyWhenNeeded() {
        var tracker = new FaceTracker("cam", 0.3, 3000, 0, 2000, 5, 0.17, 10, 3);
        var ada = UUID.randomUUID();
        var bob = UUID.randomUUID();
        var identify = gallery(ada, bob);

        assertThat(tracker.needsEmbedding(face(100, true, null).face(), 0)).isTrue();
        var first = tracker.update(List.of(face(100, true, ADA)), identify, 0);
        var trackId = first.get(0).trackId();
        assertThat(first.get(0).identity().userId()).isEqualTo(ada);

        tracker.update(List.of(face(105, true, ADA)), identify, 100);
        // Settled: the same track is not re-embedded until the interval passes.
        assertThat(tracker.needsEmbedding(face(108, true, null).face(), 200)).isFalse();
        assertThat(tracker.needsEmbedding(face(108, true, null).face(), 3200)).isTrue();

        // One bad frame (wrong identity, not attentive) flips neither, and asks for another embedding.
        var glitch = tracker.update(List.of(face(110, false, BOB)), identify, 300);
        assertThat(glitch.get(0).trackId()).isEqualTo(trackId);
        assertThat(glitch.get(0).identity().userId()).isEqualTo(ada);
        assertThat(glitch.get(0).attentive()).isTrue();
        assertThat(tracker.needsEmbedding(face(110, true, null).face(), 400)).isTrue();

        // A face elsewhere starts a new track; the old one expires after the gap.
        var other = tracker.update(List.of(face(600, true, new float[] {-1, 0})), identify, 400);
        assertThat(other.get(0).trackId()).isNotEqualTo(trackId);
        assertThat(other.get(0).identity()).isNull();
        tracker.update(List.of(), identify, 5000);
        assertThat(tracker.activeTracks()).isZero();
    }

    @Test
    void theIdentityComesFromTheSharpestFramesAveraged() {
        var tracker = new FaceTracker("cam", 0.3, 0, 0, 2000, 5, 0.17, 10, 3);
        var ada = UUID.randomUUID();
        var bob = UUID.randomUUID();
        var identify = gallery(ada, bob);
        // Each blurred frame alone is too far from anyone to be accepted...
        var blurredAda = new float[] {0.7f, 0.714f};
        var sharpAda = FaceEmbedder.normalise(new float[] {0.95f, 0.31f});
        assertThat(identify.apply(FaceEmbedder.normalise(blurredAda))).isNull();
        for (int i = 0; i < 3; i++) {
            tracker.update(List.of(face(100, true, FaceEmbedder.normalise(blurredAda), 20)), identify, i * 100L);
        }
        // ...and two sharp frames outweigh them, although a majority vote over the window would have said unknown.
        TrackedFace last = null;
        for (int i = 3; i < 5; i++) {
            last = tracker.update(List.of(face(100, true, sharpAda, 300)), identify, i * 100L)
                    .get(0);
        }
        assertThat(last.identity().userId()).isEqualTo(ada);
        assertThat(last.identity().similarity()).isGreaterThan(0.85);
    }

    /** A face at a fixed place, head on the board or not, with a pupil ratio and whether the gaze is reliable. */
    private static FaceAnalysis looking(boolean headOnBoard, double horizontalRatio, boolean reliable) {
        var d = new DetectedFace(100, 100, 100, 120, new float[10], 0.9f);
        var direction = horizontalRatio < 0.33
                ? Gaze.Direction.RIGHT
                : horizontalRatio > 0.67 ? Gaze.Direction.LEFT : Gaze.Direction.CENTER;
        return new FaceAnalysis(
                d,
                new HeadPose(0, 0, 0, 0),
                new Gaze(direction, horizontalRatio, 0.5, reliable ? 0.6 : 0.1, reliable),
                new Quality(100, 200, true, null),
                headOnBoard,
                null);
    }

    /** The smoothed attention of each frame, one frame every 100 ms. */
    private static boolean[] attention(FaceTracker tracker, List<FaceAnalysis> frames) {
        var attentive = new boolean[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            attentive[i] = tracker.update(List.of(frames.get(i)), v -> null, i * 100L)
                    .get(0)
                    .attentive();
        }
        return attentive;
    }

    private static FaceTracker tracker() {
        return new FaceTracker("cam", 0.3, 3000, 0, 2000, 5, 0.17, 10, 3);
    }

    @Test
    void aConstantPersonalGazeBiasNeverVetoesAHeadOnTheBoard() {
        // Dark make-up: the pupil centroid reads 0.32 (RIGHT) on every frame while she faces the board.
        var frames = new java.util.ArrayList<FaceAnalysis>();
        for (int i = 0; i < 200; i++) {
            frames.add(looking(true, 0.32 + (i % 3 - 1) * 0.02, true));
        }
        assertThat(frames.get(0).gaze().vetoesAlone()).isTrue();
        assertThat(attention(tracker(), frames)).containsOnly(true);
    }

    @Test
    void aReliableSidewaysGlanceOfSeveralFramesVetoesAndEndsWithIt() {
        var frames = new java.util.ArrayList<FaceAnalysis>();
        for (int i = 0; i < 20; i++) {
            frames.add(looking(true, 0.32, true));
        }
        for (int i = 0; i < 10; i++) {
            frames.add(looking(true, 0.75, true));
        }
        for (int i = 0; i < 10; i++) {
            frames.add(looking(true, 0.32, true));
        }
        var attentive = attention(tracker(), frames);
        assertThat(attentive[19]).isTrue();
        // Three sideways frames to veto, then the 5-frame majority: not attentive from the glance's 5th frame on.
        assertThat(attentive[24]).isFalse();
        assertThat(attentive[29]).isFalse();
        assertThat(attentive[39]).isTrue();
    }

    @Test
    void shortOrUnreliableGlancesNeverVeto() {
        var frames = new java.util.ArrayList<FaceAnalysis>();
        for (int i = 0; i < 20; i++) {
            frames.add(looking(true, 0.5, true));
        }
        // Tiny or low-contrast eyes (unreliable) reading far to the side, for many frames.
        for (int i = 0; i < 20; i++) {
            frames.add(looking(true, 0.1, false));
        }
        // Reliable, but only two frames at a time, or alternating sides.
        for (int i = 0; i < 20; i++) {
            frames.add(looking(true, i % 3 == 2 ? 0.5 : 0.1, true));
        }
        for (int i = 0; i < 20; i++) {
            frames.add(looking(true, i % 2 == 0 ? 0.1 : 0.9, true));
        }
        assertThat(attention(tracker(), frames)).containsOnly(true);
    }

    @Test
    void noVetoBeforeTheTrackHasABaselineAndTheHeadStillDecides() {
        var frames = new java.util.ArrayList<FaceAnalysis>();
        for (int i = 0; i < 9; i++) {
            frames.add(looking(true, 0.1, true));
        }
        for (int i = 0; i < 10; i++) {
            frames.add(looking(false, 0.5, true));
        }
        var attentive = attention(tracker(), frames);
        assertThat(attentive[8]).isTrue();
        assertThat(attentive[18]).isFalse();
    }

    @Test
    void aSingleImageVetoesOnlyWithAReliableSidewaysGaze() {
        assertThat(looking(true, 0.1, true).attentiveAlone()).isFalse();
        assertThat(looking(true, 0.1, false).attentiveAlone()).isTrue();
        assertThat(looking(true, 0.5, true).attentiveAlone()).isTrue();
        assertThat(looking(false, 0.5, true).attentiveAlone()).isFalse();
    }

    /** A 100 px face at {@code x} with landmarks where a face has them, turned by {@code yaw}. */
    private static FaceAnalysis posed(DetectedFace face, double yaw, float[] embedding) {
        return new FaceAnalysis(
                face, new HeadPose(yaw, 0, 0, 0), null, new Quality(100, 200, true, null), true, embedding);
    }

    private static DetectedFace faceAt(float x) {
        var landmarks = new float[] {x + 30, 140, x + 70, 140, x + 50, 170, x + 35, 195, x + 65, 195};
        return new DetectedFace(x, 100, 100, 120, landmarks, 0.9f);
    }

    @Test
    void aStillSettledFaceKeepsItsMeasuredHeadPoseForAWhile() {
        var tracker = new FaceTracker("cam", 0.3, 60_000, 3000, 2000, 5, 0.17, 10, 3);
        var identify = gallery(UUID.randomUUID(), UUID.randomUUID());

        tracker.update(List.of(posed(faceAt(100), 10, ADA)), identify, 0);
        assertThat(tracker.stillPose(faceAt(100), 1000))
                .as("one embedding: not settled yet")
                .isNull();
        tracker.update(List.of(posed(faceAt(100), 12, ADA)), identify, 1000);

        // Settled and moved by 1 % of its width: the pose measured at 1000 stands for it.
        var still = faceAt(101);
        assertThat(tracker.stillPose(still, 2000)).extracting(HeadPose::yawDeg).isEqualTo(12.0);
        tracker.update(List.of(posed(still, 12, null)), identify, 2000);
        // A lent pose is no measurement: 3 s after the last one the pose is measured again.
        assertThat(tracker.stillPose(faceAt(101), 3900)).isNotNull();
        assertThat(tracker.stillPose(faceAt(101), 4000)).isNull();
        // Moved by 5 % of its width: measured.
        assertThat(tracker.stillPose(faceAt(105), 2500)).isNull();

        var never = new FaceTracker("cam", 0.3, 60_000, 0, 2000, 5, 0.17, 10, 3);
        never.update(List.of(posed(faceAt(100), 10, ADA)), identify, 0);
        never.update(List.of(posed(faceAt(100), 10, ADA)), identify, 1000);
        assertThat(never.stillPose(faceAt(100), 1001)).as("stillPoseMillis 0").isNull();
    }

    @Test
    void iouOfBoxes() {
        var a = new DetectedFace(0, 0, 10, 10, new float[10], 1);
        var b = new DetectedFace(5, 0, 10, 10, new float[10], 1);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(b)).isEqualTo(50.0 / 150.0);
    }
}
