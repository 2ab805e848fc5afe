package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The pupil-centroid gaze on drawn eyes: where the pupil is, and when the estimate is reliable enough to veto. */
class GazeEstimatorTest {

    private static final GazeEstimator GAZE = new GazeEstimator(GazeThresholds.DEFAULTS);

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    /** A skin-grey face with two eyes {@code iod} apart; pupils shifted by {@code pupilShift} eye widths. */
    private static Mat face(int iod, double pupilShift, boolean open) {
        var gray = new Mat(300, 400, CvType.CV_8UC1, new Scalar(170));
        int eyeWidth = GazeEstimator.eyeWidthPx(detected(iod));
        for (int eye = 0; eye < 2; eye++) {
            var centre = new Point(200 + (eye == 0 ? -iod / 2.0 : iod / 2.0), 150);
            if (open) {
                Imgproc.ellipse(
                        gray, centre, new Size(eyeWidth * 0.45, eyeWidth * 0.22), 0, 0, 360, new Scalar(225), -1);
                var pupil = new Point(centre.x + pupilShift * eyeWidth, centre.y);
                Imgproc.circle(gray, pupil, Math.max(2, eyeWidth / 5), new Scalar(25), -1);
            } else {
                // A closed eye: a lash line a little darker than the skin.
                Imgproc.line(
                        gray,
                        new Point(centre.x - eyeWidth * 0.45, centre.y),
                        new Point(centre.x + eyeWidth * 0.45, centre.y),
                        new Scalar(140),
                        2);
            }
        }
        return gray;
    }

    private static DetectedFace detected(int iod) {
        var landmarks = new float[] {200 - iod / 2f, 150, 200 + iod / 2f, 150, 200, 190, 185, 220, 215, 220};
        return new DetectedFace(200 - iod, 100, 2 * iod, 2.4f * iod, landmarks, 0.95f);
    }

    @Test
    void largeOpenEyesAreReliableAndFollowThePupil() {
        var centred = GAZE.estimate(face(100, 0, true), detected(100));
        assertThat(centred.reliable()).isTrue();
        assertThat(centred.contrast()).isGreaterThan(0.5);
        assertThat(centred.horizontalRatio()).isBetween(0.45, 0.55);
        assertThat(centred.direction()).isEqualTo(Gaze.Direction.CENTER);

        var toImageRight = GAZE.estimate(face(100, 0.28, true), detected(100));
        assertThat(toImageRight.reliable()).isTrue();
        assertThat(toImageRight.horizontalRatio()).isGreaterThan(0.7);
        assertThat(toImageRight.direction()).isEqualTo(Gaze.Direction.LEFT);
        assertThat(toImageRight.vetoesAlone()).isTrue();
    }

    @Test
    void smallEyesAreReportedButNeverReliable() {
        // 50 px between the eyes: eye regions of 21 px, under the measured 25 px.
        var small = GAZE.estimate(face(50, 0.28, true), detected(50));
        assertThat(small).isNotNull();
        assertThat(GazeEstimator.eyeWidthPx(detected(50))).isLessThan(GazeThresholds.DEFAULTS.minReliableEyeWidthPx());
        assertThat(small.reliable()).isFalse();
        assertThat(small.vetoesAlone()).isFalse();
        // Under 10 px no pupil is located at all.
        assertThat(GAZE.estimate(face(20, 0, true), detected(20))).isNull();
    }

    @Test
    void closedEyesHaveLowContrastAndAreNeverReliable() {
        var closed = GAZE.estimate(face(100, 0, false), detected(100));
        assertThat(closed.contrast()).isLessThan(GazeThresholds.DEFAULTS.minContrast());
        assertThat(closed.reliable()).isFalse();
        assertThat(closed.vetoesAlone()).isFalse();
    }
}
