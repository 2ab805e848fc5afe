package io.classroom.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class AttendanceEngineTest {

    private static final long T0 = 1_756_713_600_000L;
    private static final String ADA = "ada";
    private static final String BOB = "bob";

    private final AttendanceEngine engine = new AttendanceEngine(AttendanceRules.defaults());
    private final ClassSessionState session = session(400);
    private final Map<String, StudentAccumulator> students = new HashMap<>();

    private static ClassSessionState session(int seconds) {
        var s = new ClassSessionState();
        s.sessionId = "s1";
        s.startedAt = T0;
        s.plannedEnd = T0 + seconds * 1000L;
        s.roster = List.of(ADA, BOB);
        s.thresholdPct = 75;
        s.lateGraceSeconds = 60;
        return s;
    }

    /** One frame per second from second {@code from} (inclusive) to {@code to} (exclusive); null: no frame. */
    private void frames(int from, int to, IntFunction<List<FaceSighting>> facesAt) {
        for (int sec = from; sec < to; sec++) {
            var faces = facesAt.apply(sec);
            if (faces != null) {
                engine.apply(session, students, T0 + sec * 1000L, faces);
            }
        }
    }

    private AttendanceOutcome end(int second, String userId) {
        return engine.finalizeStudent(session, students.get(userId), T0 + second * 1000L);
    }

    private static List<FaceSighting> ada(boolean attentive) {
        return List.of(new FaceSighting(ADA, attentive));
    }

    @Test
    void engagedExactlyAtTheThresholdIsPresent() {
        // seen attentive at seconds 0..300: 300 s engaged of 400 s = exactly 75 %
        frames(0, 401, sec -> sec <= 300 ? ada(true) : List.of());

        var outcome = end(400, ADA);

        assertThat(outcome.engagedSeconds()).isEqualTo(300);
        assertThat(outcome.engagementPct()).isEqualTo(75.0);
        assertThat(outcome.status()).isEqualTo(AttendanceStatus.PRESENT);
        assertThat(outcome.leftEarly()).isFalse();
    }

    @Test
    void oneSecondBelowTheThresholdIsAbsent() {
        frames(0, 401, sec -> sec <= 299 ? ada(true) : List.of());

        var outcome = end(400, ADA);

        assertThat(outcome.engagedSeconds()).isEqualTo(299);
        assertThat(outcome.status()).isEqualTo(AttendanceStatus.ABSENT);
    }

    @Test
    void gapsWithinTheToleranceCountGapsBeyondItDoNot() {
        // seen every 8 s (within the 10 s tolerance) for 200 s, then every 20 s (beyond it)
        frames(0, 401, sec -> (sec <= 200 && sec % 8 == 0) || (sec > 200 && sec % 20 == 0) ? ada(true) : List.of());

        var outcome = end(400, ADA);

        assertThat(outcome.presentSeconds()).isEqualTo(200);
        assertThat(students.get(ADA).intervals).isEqualTo(11);
    }

    @Test
    void aStudentWhoStepsOutAndComesBackHasTwoIntervals() {
        frames(0, 401, sec -> sec < 100 || sec >= 160 ? ada(true) : List.of());

        var outcome = end(400, ADA);

        assertThat(outcome.presentSeconds()).isEqualTo(99 + 240);
        assertThat(students.get(ADA).intervals).isEqualTo(2);
        assertThat(outcome.status()).isEqualTo(AttendanceStatus.PRESENT);
        assertThat(outcome.late()).isFalse();
        assertThat(outcome.leftEarly()).isFalse();
    }

    @Test
    void firstSeenAfterTheGracePeriodIsLate() {
        frames(0, 401, sec -> sec >= 61 ? ada(true) : List.of());

        assertThat(end(400, ADA).late()).isTrue();
    }

    @Test
    void firstSeenWithinTheGracePeriodIsNotLate() {
        frames(0, 401, sec -> sec >= 60 ? ada(true) : List.of());

        assertThat(end(400, ADA).late()).isFalse();
    }

    @Test
    void lastSeenWellBeforeTheEndLeftEarly() {
        var longSession = session(3600);
        longSession.roster = List.of(ADA);
        for (int sec = 0; sec <= 3600; sec++) {
            engine.apply(longSession, students, T0 + sec * 1000L, sec < 3000 ? ada(true) : List.of());
        }

        var outcome = engine.finalizeStudent(longSession, students.get(ADA), T0 + 3_600_000);

        assertThat(outcome.leftEarly()).isTrue();
        assertThat(outcome.status()).isEqualTo(AttendanceStatus.PRESENT);
        assertThat(outcome.lastSeenAt().toEpochMilli()).isEqualTo(T0 + 2_999_000);
    }

    @Test
    void twoCamerasSeeingTheSameStudentCountTheTimeOnce() {
        // front camera on whole seconds, back camera half a second later: both see Ada all the time
        for (int sec = 0; sec <= 400; sec++) {
            engine.apply(session, students, T0 + sec * 1000L, ada(true));
            engine.apply(session, students, T0 + sec * 1000L + 500, ada(true));
        }
        // and the same instant from both cameras
        engine.apply(session, students, T0 + 400_500, ada(true));

        var outcome = end(401, ADA);

        assertThat(outcome.presentSeconds()).isEqualTo(400);
        assertThat(outcome.engagedSeconds()).isEqualTo(400);
        assertThat(students.get(ADA).intervals).isEqualTo(1);
    }

    @Test
    void attentiveOnOneCameraIsEnoughWhileTheOtherSeesTheBackOfTheHead() {
        for (int sec = 0; sec <= 400; sec++) {
            engine.apply(session, students, T0 + sec * 1000L, ada(true));
            engine.apply(session, students, T0 + sec * 1000L + 500, ada(false));
        }

        assertThat(end(400, ADA).engagedSeconds()).isEqualTo(400);
    }

    @Test
    void oneInattentiveFrameDoesNotFlipEngagement() {
        frames(0, 401, sec -> ada(sec != 200));

        assertThat(end(400, ADA).engagedSeconds()).isEqualTo(400);
    }

    @Test
    void sustainedInattentionStopsEngagementAfterTheSmoothingWindow() {
        // inattentive from 100 to 199: engaged stops 3 s late and resumes 3 s late
        frames(0, 401, sec -> ada(sec < 100 || sec >= 200));

        var outcome = end(400, ADA);

        assertThat(outcome.presentSeconds()).isEqualTo(400);
        assertThat(outcome.engagedSeconds()).isEqualTo(400 - 100);
    }

    @Test
    void unknownFacesAreCountedButNeverAttributed() {
        frames(
                0,
                10,
                sec -> List.of(
                        new FaceSighting(null, true),
                        new FaceSighting(null, false),
                        new FaceSighting("stranger", true)));

        assertThat(session.unknownFaceObservations).isEqualTo(30);
        assertThat(session.maxUnknownFacesInFrame).isEqualTo(3);
        assertThat(students).isEmpty();
    }

    @Test
    void aNeverSeenStudentIsAbsent() {
        frames(0, 401, sec -> ada(true));

        var outcome = end(400, BOB);

        assertThat(outcome.status()).isEqualTo(AttendanceStatus.ABSENT);
        assertThat(outcome.firstSeenAt()).isNull();
        assertThat(outcome.late()).isFalse();
    }

    @Test
    void aCameraOutageIsExcludedFromTheDurationAndBridgesTheStudent() {
        // no frame at all from 100 to 199 (outage), Ada seen attentive the rest of the time
        var withOutage = new AttendanceEngineTest();
        withOutage.frames(0, 401, sec -> sec < 100 || sec >= 200 ? ada(true) : null);

        var outcome = withOutage.end(400, ADA);

        assertThat(withOutage.engine.outageMs(withOutage.session, T0 + 400_000)).isEqualTo(101_000);
        assertThat(outcome.effectiveSessionSeconds()).isEqualTo(299);
        // 99 s before, 200 s after: one interval, the outage bridged and excluded
        assertThat(outcome.presentSeconds()).isEqualTo(299);
        assertThat(outcome.status()).isEqualTo(AttendanceStatus.PRESENT);
        assertThat(withOutage.students.get(ADA).intervals).isEqualTo(1);
    }

    @Test
    void aTenSecondStreamDropIsTheCamerasAbsenceNotTheStudents() {
        // the stream drops for 10 s and ingest reconnects 3 s later: no frame from 100 to 112
        frames(0, 401, sec -> sec < 100 || sec >= 113 ? ada(true) : null);

        var outcome = end(400, ADA);

        assertThat(engine.outages(session, T0 + 400_000)).containsExactly(new long[] {T0 + 99_000, T0 + 113_000});
        assertThat(outcome.effectiveSessionSeconds()).isEqualTo(386);
        // still one interval, engaged throughout the time the camera saw her
        assertThat(outcome.engagedSeconds()).isEqualTo(386);
        assertThat(students.get(ADA).intervals).isEqualTo(1);
        assertThat(outcome.status()).isEqualTo(AttendanceStatus.PRESENT);
    }

    @Test
    void aStudentWhoLeavesWhileTheCameraStillSendsFramesIsAbsentForThatTime() {
        // frames keep coming (an empty seat) from 100 to 112: that is her absence, not an outage
        frames(0, 401, sec -> sec < 100 || sec >= 113 ? ada(true) : List.of());

        var outcome = end(400, ADA);

        assertThat(engine.outages(session, T0 + 400_000)).isEmpty();
        assertThat(outcome.effectiveSessionSeconds()).isEqualTo(400);
        assertThat(students.get(ADA).intervals).isEqualTo(2);
        assertThat(outcome.presentSeconds()).isLessThan(390);
    }

    @Test
    void outagesAtTheStartAndEndDoNotMakeStudentsLateOrAbsent() {
        // cameras come up at 100 s and die at 300 s; Ada is there whenever they run
        frames(100, 301, sec -> ada(true));

        var outcome = end(400, ADA);

        assertThat(outcome.effectiveSessionSeconds()).isEqualTo(200);
        assertThat(outcome.status()).isEqualTo(AttendanceStatus.PRESENT);
        assertThat(outcome.late()).isFalse();
        assertThat(outcome.leftEarly()).isFalse();
    }

    @Test
    void aSessionWithoutAnyFrameGivesNoEvidence() {
        var outcome = end(400, ADA);

        assertThat(outcome.effectiveSessionSeconds()).isZero();
        assertThat(outcome.status()).isEqualTo(AttendanceStatus.ABSENT);
    }

    @Test
    void lateAndDuplicateFramesAddNothing() {
        frames(0, 401, sec -> ada(true));
        var before = students.get(ADA).presentMs;

        engine.apply(session, students, T0 + 50_000, ada(true));
        engine.apply(session, students, T0 + 400_000, ada(true));

        assertThat(students.get(ADA).presentMs).isEqualTo(before).isEqualTo(400_000);
    }

    @Test
    void framesOutsideTheSessionAreIgnored() {
        session.endedAt = T0 + 400_000;
        var changed = new ArrayList<String>();
        changed.addAll(engine.apply(session, students, T0 - 1, ada(true)).changed());
        changed.addAll(engine.apply(session, students, T0 + 400_001, ada(true)).changed());

        assertThat(changed).isEmpty();
        assertThat(session.frames).isZero();
    }

    @Test
    void liveViewFollowsTheLatestFrame() {
        frames(0, 100, sec -> sec < 50 ? ada(true) : List.of());

        assertThat(engine.live(session, ADA, students.get(ADA)).presentNow()).isFalse();
        frames(100, 110, sec -> ada(true));
        var live = engine.live(session, ADA, students.get(ADA));
        assertThat(live.presentNow()).isTrue();
        assertThat(live.attentiveNow()).isTrue();
        assertThat(live.status()).isEqualTo(AttendanceStatus.PENDING);
        assertThat(engine.live(session, BOB, null).presentNow()).isFalse();
    }

    private static WebcamSighting webcam(String owner, boolean verified, int others) {
        return new WebcamSighting(owner, verified, true, "CENTER", others);
    }

    /** One webcam frame per second of {@code owner} from second {@code from} (inclusive) to {@code to} (exclusive). */
    private void webcamFrames(int from, int to, WebcamSighting frame) {
        for (int sec = from; sec < to; sec++) {
            engine.applyWebcam(session, students, T0 + sec * 1000L, frame);
        }
    }

    @Test
    void aVerifiedWebcamFrameCreditsItsOwnerAndOthersInItFlagThem() {
        webcamFrames(0, 401, webcam(ADA, true, 2));

        var outcome = end(400, ADA);

        assertThat(outcome.status()).isEqualTo(AttendanceStatus.PRESENT);
        assertThat(outcome.engagedSeconds()).isEqualTo(400);
        assertThat(outcome.webcamFrames()).isEqualTo(401);
        assertThat(outcome.framesWithOthers()).isEqualTo(401);
        assertThat(students).containsOnlyKeys(ADA);
        assertThat(session.unknownFaceObservations).isZero();
        var live = engine.live(session, ADA, students.get(ADA));
        assertThat(live.flags()).containsExactly(AttendanceEngine.OTHERS_IN_FRAME);
        assertThat(live.framesWithOthers()).isEqualTo(401);
        assertThat(live.gazeDirection()).isEqualTo("CENTER");
        // the flag follows the latest webcam frame; the count stays
        webcamFrames(401, 402, webcam(ADA, true, 0));
        assertThat(engine.live(session, ADA, students.get(ADA)).flags()).isEmpty();
        assertThat(engine.live(session, ADA, students.get(ADA)).framesWithOthers())
                .isEqualTo(401);
    }

    @Test
    void aWebcamFrameThatDoesNotVerifyCreditsNobody() {
        webcamFrames(0, 401, webcam(ADA, false, 1));

        var outcome = end(400, ADA);

        assertThat(outcome.status()).isEqualTo(AttendanceStatus.ABSENT);
        assertThat(outcome.presentSeconds()).isZero();
        assertThat(outcome.firstSeenAt()).isNull();
        assertThat(outcome.late()).isFalse();
        assertThat(outcome.webcamFrames()).isEqualTo(401);
        assertThat(outcome.framesWithOthers()).isEqualTo(401);
        var live = engine.live(session, ADA, students.get(ADA));
        assertThat(live.presentNow()).isFalse();
        assertThat(live.flags())
                .containsExactly(AttendanceEngine.OTHERS_IN_FRAME, AttendanceEngine.WEBCAM_NOT_VERIFIED);
    }

    @Test
    void aWebcamOfSomeoneNotOnTheRosterChangesNothing() {
        var applied = engine.applyWebcam(session, students, T0 + 1000, webcam("carl", true, 3));

        assertThat(applied.counted()).isFalse();
        assertThat(applied.changed()).isEmpty();
        assertThat(session.frames).isZero();
        assertThat(session.lastFrameAt).isNull();
        assertThat(students).isEmpty();
    }

    @Test
    void aWebcamOnlySessionHasNoOutagesAndASilentWebcamIsItsStudentsAbsence() {
        // Ada's webcam falls silent after 100 s; Bob's runs all the time
        for (int sec = 0; sec <= 400; sec++) {
            if (sec < 100) {
                engine.applyWebcam(session, students, T0 + sec * 1000L, webcam(ADA, true, 0));
            }
            engine.applyWebcam(session, students, T0 + sec * 1000L + 300, webcam(BOB, true, 0));
        }

        assertThat(engine.outages(session, T0 + 400_000)).isEmpty();
        assertThat(engine.outageMs(session, T0 + 400_000)).isZero();
        var ada = end(400, ADA);
        assertThat(ada.effectiveSessionSeconds()).isEqualTo(400);
        assertThat(ada.status()).isEqualTo(AttendanceStatus.ABSENT);
        assertThat(ada.leftEarly()).isTrue();
        assertThat(end(400, BOB).status()).isEqualTo(AttendanceStatus.PRESENT);
    }

    @Test
    void aSilentWebcamNeverShortensTheRoomCamerasSession() {
        // the room camera sends a frame every second (Bob in it); Ada's webcam only for the first 100 s
        for (int sec = 0; sec <= 400; sec++) {
            engine.apply(session, students, T0 + sec * 1000L, List.of(new FaceSighting(BOB, true)));
            if (sec < 100) {
                engine.applyWebcam(session, students, T0 + sec * 1000L + 500, webcam(ADA, true, 0));
            }
        }

        assertThat(engine.outages(session, T0 + 400_000)).isEmpty();
        assertThat(end(400, ADA).effectiveSessionSeconds()).isEqualTo(400);
        assertThat(end(400, ADA).status()).isEqualTo(AttendanceStatus.ABSENT);
        assertThat(end(400, BOB).status()).isEqualTo(AttendanceStatus.PRESENT);
        assertThat(session.frames).isEqualTo(401 + 100);
        assertThat(session.webcamFrames).isEqualTo(100);
    }

    @Test
    void aRoomCameraOutageStaysAnOutageWhileWebcamsSendFrames() {
        // the room camera is down from 100 to 199 while Ada's webcam goes on
        for (int sec = 0; sec <= 400; sec++) {
            if (sec < 100 || sec >= 200) {
                engine.apply(session, students, T0 + sec * 1000L, List.of(new FaceSighting(BOB, true)));
            }
            engine.applyWebcam(session, students, T0 + sec * 1000L + 500, webcam(ADA, true, 0));
        }

        assertThat(engine.outages(session, T0 + 400_000)).containsExactly(new long[] {T0 + 99_000, T0 + 200_000});
        assertThat(end(400, BOB).status()).isEqualTo(AttendanceStatus.PRESENT);
        assertThat(end(400, ADA).status()).isEqualTo(AttendanceStatus.PRESENT);
    }

    @Test
    void lateCountsFromTheScheduledStartWithTheClassesGrace() {
        // scheduled at T0 - 30 s, started (by the scheduler, late) at T0; grace 60 s; Ada first seen 40 s after T0
        frames(0, 401, sec -> sec >= 40 ? ada(true) : List.of());

        assertThat(end(400, ADA).late()).isFalse();
        session.scheduledStart = T0 - 30_000;
        assertThat(end(400, ADA).late()).isTrue();
        session.scheduledStart = T0 - 10_000;
        assertThat(end(400, ADA).late()).isFalse();
    }

    @Test
    void theLiveGazeIsThatOfTheStudentsLatestFace() {
        engine.apply(session, students, T0 + 1000, List.of(new FaceSighting(ADA, true, "LEFT")));
        assertThat(engine.live(session, ADA, students.get(ADA)).gazeDirection()).isEqualTo("LEFT");

        engine.applyWebcam(session, students, T0 + 2000, new WebcamSighting(ADA, true, true, "DOWN", 0));
        engine.apply(session, students, T0 + 1500, List.of(new FaceSighting(ADA, true, "RIGHT")));

        assertThat(engine.live(session, ADA, students.get(ADA)).gazeDirection()).isEqualTo("DOWN");
    }
}
