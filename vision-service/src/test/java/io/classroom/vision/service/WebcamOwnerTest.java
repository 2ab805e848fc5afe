package io.classroom.vision.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.facetrack.FaceTracker.TrackedFace;
import io.classroom.vision.gallery.Recognition.Identity;
import io.classroom.vision.pipeline.DetectedFace;
import io.classroom.vision.pipeline.FaceAnalysis;
import io.classroom.vision.pipeline.FaceAnalyzer;
import io.classroom.vision.pipeline.HeadPose;
import io.classroom.vision.pipeline.Quality;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A webcam frame identifies its verified owner on the largest face and nobody else. */
class WebcamOwnerTest {

    private static final UUID OWNER = UUID.randomUUID();

    @Test
    void theLargestFaceIsTheOneVerified() {
        var faces = List.of(face(10, 60), face(200, 140), face(400, 90));
        assertThat(FaceAnalyzer.largest(faces)).isEqualTo(1);
        assertThat(FaceAnalyzer.largest(List.of())).isEqualTo(-1);
    }

    @Test
    void onlyTheVerifiedOwnerCarriesAnIdentity() {
        var classmate = new Identity(UUID.randomUUID(), 0.9);
        // a track may remember someone: on a webcam frame that counts for nothing
        var faces = List.of(
                new TrackedFace("webcam-1", face(10, 60), classmate, true),
                new TrackedFace("webcam-2", face(200, 140), null, true));

        var verified = WebcamOwner.credit(faces, 1, new Identity(OWNER, 0.7));
        assertThat(verified).extracting(TrackedFace::identity).containsExactly(null, new Identity(OWNER, 0.7));
        assertThat(verified).extracting(TrackedFace::trackId).containsExactly("webcam-1", "webcam-2");

        var notVerified = WebcamOwner.credit(faces, 1, null);
        assertThat(notVerified).extracting(TrackedFace::identity).containsOnlyNulls();
    }

    private static FaceAnalysis face(float x, float width) {
        var landmarks = new float[] {x + 20, 80, x + 50, 80, x + 35, 100, x + 22, 120, x + 48, 120};
        return new FaceAnalysis(
                new DetectedFace(x, 60, width, width * 1.3f, landmarks, 0.9f),
                new HeadPose(0, 0, 0, 0),
                null,
                new Quality((int) width, 100, true, null),
                true,
                null);
    }
}
