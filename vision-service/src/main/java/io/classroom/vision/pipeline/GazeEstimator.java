package io.classroom.vision.pipeline;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.imgproc.Moments;

/**
 * Pupil location inside each eye region (a box around the YuNet eye landmark, sized from the inter-ocular
 * distance): the darkest pixels of the blurred region form the pupil, their centroid gives the ratios. The estimate
 * is flagged reliable (allowed to veto attention) only when the eye regions are wide enough and the dark blob stands
 * out from the rest of the region: make-up, shadows, glasses and small faces move the centroid without any glance.
 */
public final class GazeEstimator {

    private static final double EYE_WIDTH = 0.42;
    private static final double EYE_HEIGHT = 0.26;
    private static final double DARK_SHARE = 0.12;

    private final GazeThresholds thresholds;

    public GazeEstimator(GazeThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Width in pixels of the eye regions of a face. */
    public static int eyeWidthPx(DetectedFace face) {
        return (int) Math.round(face.interOcular() * EYE_WIDTH);
    }

    /** The gaze of one face, or null when the eyes are too small to locate the pupils. */
    public Gaze estimate(Mat gray, DetectedFace face) {
        int w = eyeWidthPx(face);
        int h = Math.max(4, (int) Math.round(face.interOcular() * EYE_HEIGHT));
        if (w < thresholds.minEyeWidthPx()) {
            return null;
        }
        double hSum = 0;
        double vSum = 0;
        double contrast = 1;
        for (int eye = 0; eye < 2; eye++) {
            var pupil = pupil(gray, face.landmarkX(eye), face.landmarkY(eye), w, h);
            hSum += pupil[0];
            vSum += pupil[1];
            contrast = Math.min(contrast, pupil[2]);
        }
        double horizontal = hSum / 2;
        double vertical = vSum / 2;
        boolean reliable = w >= thresholds.minReliableEyeWidthPx() && contrast >= thresholds.minContrast();
        return new Gaze(direction(horizontal, vertical), horizontal, vertical, contrast, reliable);
    }

    Gaze.Direction direction(double horizontal, double vertical) {
        if (horizontal < 0.5 - thresholds.sideThreshold()) {
            return Gaze.Direction.RIGHT;
        }
        if (horizontal > 0.5 + thresholds.sideThreshold()) {
            return Gaze.Direction.LEFT;
        }
        if (vertical < 0.5 - thresholds.verticalThreshold()) {
            return Gaze.Direction.UP;
        }
        if (vertical > 0.5 + thresholds.verticalThreshold()) {
            return Gaze.Direction.DOWN;
        }
        return Gaze.Direction.CENTER;
    }

    /** Horizontal ratio, vertical ratio and contrast of the dark blob of one eye region. */
    private static double[] pupil(Mat gray, double cx, double cy, int w, int h) {
        var region = Crops.paddedCrop(gray, (int) Math.round(cx - w / 2.0), (int) Math.round(cy - h / 2.0), w, h);
        var blurred = new Mat();
        var mask = new Mat();
        try {
            Imgproc.GaussianBlur(region, blurred, new Size(3, 3), 0);
            var pixels = new byte[w * h];
            blurred.get(0, 0, pixels);
            var histogram = new int[256];
            for (byte p : pixels) {
                histogram[p & 0xFF]++;
            }
            int wanted = (int) Math.ceil(pixels.length * DARK_SHARE);
            int threshold = 0;
            for (int seen = 0; threshold < 255; threshold++) {
                seen += histogram[threshold];
                if (seen >= wanted) {
                    break;
                }
            }
            double darkSum = 0;
            double restSum = 0;
            int dark = 0;
            for (byte p : pixels) {
                if ((p & 0xFF) <= threshold) {
                    darkSum += p & 0xFF;
                    dark++;
                } else {
                    restSum += p & 0xFF;
                }
            }
            double rest = dark == pixels.length ? 0 : restSum / (pixels.length - dark);
            double contrast = rest <= 0 ? 0 : (rest - darkSum / Math.max(1, dark)) / rest;
            Imgproc.threshold(blurred, mask, threshold, 255, Imgproc.THRESH_BINARY_INV);
            Moments m = Imgproc.moments(mask, true);
            if (m.m00 < 1) {
                return new double[] {0.5, 0.5, 0};
            }
            return new double[] {(m.m10 / m.m00 + 0.5) / w, (m.m01 / m.m00 + 0.5) / h, contrast};
        } finally {
            region.release();
            blurred.release();
            mask.release();
        }
    }
}
