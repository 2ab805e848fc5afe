package io.classroom.vision.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.pipeline.HeadPose;
import io.classroom.vision.repository.CalibrationRepository;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which calibration a source's frames get: stored, else learnt (room cameras), else straight ahead. */
class CalibrationServiceTest {

    private static final Calibration STORED = new Calibration(-15, 5, 20, 15);

    /** The stored calibrations, in memory instead of the database. */
    private static final class StoredCalibrations extends CalibrationRepository {
        final Map<String, Calibration> stored = new HashMap<>();

        StoredCalibrations() {
            super(null);
        }

        @Override
        public Uni<Calibration> find(String tenantId, String sourceId) {
            return Uni.createFrom().item(stored.get(tenantId + "/" + sourceId));
        }
    }

    private static VisionConfig.AutoCalibration auto(boolean enabled) {
        return new VisionConfig.AutoCalibration() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration learnFor() {
                return Duration.ofMinutes(3);
            }

            @Override
            public int minFaces() {
                return 20;
            }
        };
    }

    /** 30 frames of a camera whose students face about yaw 35, pitch -8, with one student looking elsewhere. */
    private static void showClass(CalibrationService service, String source) {
        for (int i = 0; i < 30; i++) {
            service.learnFrom(
                    "school",
                    source,
                    1_000_000 + i * 100L,
                    List.of(
                            new HeadPose(35, -8, 0, 0),
                            new HeadPose(34, -9, 0, 0),
                            new HeadPose(36, -7, 0, 0),
                            new HeadPose(-30, 10, 0, 0)));
        }
    }

    private static Calibration forFrames(CalibrationService service, String source, boolean roomCamera) {
        return service.forFrames("school", source, roomCamera).await().indefinitely();
    }

    @Test
    void aRoomCameraWithoutStoredCalibrationUsesTheLearntOneAndAStoredOneWins() {
        var repository = new StoredCalibrations();
        var service = new CalibrationService(repository, new SessionRosters(), auto(true), 100);
        assertThat(forFrames(service, "cam-1", true)).isEqualTo(Calibration.STRAIGHT_AHEAD);

        showClass(service, "cam-1");
        var learnt = forFrames(service, "cam-1", true);
        assertThat(learnt.boardYawDeg()).isBetween(34.0, 36.0);
        assertThat(learnt.boardPitchDeg()).isBetween(-9.0, -7.0);

        repository.stored.put("school/cam-2", STORED);
        showClass(service, "cam-2");
        assertThat(forFrames(service, "cam-2", true)).isEqualTo(STORED);
    }

    @Test
    void webcamsAndDisabledLearningKeepStraightAhead() {
        var service = new CalibrationService(new StoredCalibrations(), new SessionRosters(), auto(true), 100);
        showClass(service, "webcam:someone");
        assertThat(forFrames(service, "webcam:someone", false)).isEqualTo(Calibration.STRAIGHT_AHEAD);

        var disabled = new CalibrationService(new StoredCalibrations(), new SessionRosters(), auto(false), 100);
        showClass(disabled, "cam-1");
        assertThat(forFrames(disabled, "cam-1", true)).isEqualTo(Calibration.STRAIGHT_AHEAD);
    }
}
