package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoardLearnerTest {

    private static final long MINUTE = 60_000;

    /** A frame every 100 ms of capture time: 7 students facing a board at yaw 30, pitch -10; 3 facing yaw -20. */
    private static List<HeadPose> classroomFrame(Random random) {
        var poses = new ArrayList<HeadPose>();
        for (int i = 0; i < 7; i++) {
            poses.add(new HeadPose(30 + random.nextGaussian() * 4, -10 + random.nextGaussian() * 3, 0, 0));
        }
        for (int i = 0; i < 3; i++) {
            poses.add(new HeadPose(-20 + random.nextGaussian() * 4, 5 + random.nextGaussian() * 3, 0, 0));
        }
        return poses;
    }

    @Test
    void convergesToTheDominantPoseAndIgnoresTheMinority() {
        var learner = new BoardLearner(3 * MINUTE, 50, Calibration.STRAIGHT_AHEAD);
        var random = new Random(7);
        for (long t = 0; t < 4; t++) {
            learner.observe(t * 100, classroomFrame(random));
        }
        // 40 faces: not enough yet.
        assertThat(learner.learnt()).isNull();
        for (long t = 4; t < 600; t++) {
            learner.observe(t * 100, classroomFrame(random));
        }
        var learnt = learner.learnt();
        assertThat(learnt.boardYawDeg()).isBetween(27.0, 33.0);
        assertThat(learnt.boardPitchDeg()).isBetween(-13.0, -7.0);
        assertThat(learnt.yawToleranceDeg()).isEqualTo(Calibration.STRAIGHT_AHEAD.yawToleranceDeg());
        assertThat(learnt.pitchToleranceDeg()).isEqualTo(Calibration.STRAIGHT_AHEAD.pitchToleranceDeg());
        assertThat(learnt.headOnBoard(new HeadPose(32, -8, 0, 0))).isTrue();
        assertThat(learnt.headOnBoard(new HeadPose(-20, 5, 0, 0))).isFalse();
        assertThat(learner.frozen()).isFalse();
    }

    @Test
    void freezesOnceTheLearningTimeHasPassed() {
        var learner = new BoardLearner(MINUTE, 50, Calibration.STRAIGHT_AHEAD);
        var random = new Random(11);
        for (long t = 0; t <= 600; t++) {
            learner.observe(t * 100, classroomFrame(random));
        }
        assertThat(learner.frozen()).isTrue();
        var learnt = learner.learnt();
        // Later the whole class turns to the window: the learnt board stays where it was.
        for (long t = 601; t < 3000; t++) {
            learner.observe(t * 100, List.of(new HeadPose(-40, 0, 0, 0), new HeadPose(-41, 0, 0, 0)));
        }
        assertThat(learner.learnt()).isEqualTo(learnt);
    }

    @Test
    void keepsLearningPastTheLearningTimeUntilEnoughFacesWereSeen() {
        var learner = new BoardLearner(MINUTE, 50, Calibration.STRAIGHT_AHEAD);
        learner.observe(0, List.of(new HeadPose(12, 3, 0, 0)));
        learner.observe(2 * MINUTE, List.of());
        assertThat(learner.learnt()).isNull();
        assertThat(learner.frozen()).isFalse();
        for (int i = 0; i < 49; i++) {
            learner.observe(2 * MINUTE + i, List.of(new HeadPose(12, 3, 0, 0)));
        }
        assertThat(learner.frozen()).isTrue();
        assertThat(learner.learnt().boardYawDeg()).isEqualTo(12);
        assertThat(learner.learnt().boardPitchDeg()).isEqualTo(3);
    }
}
