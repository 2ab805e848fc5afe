package io.classroom.vision.pipeline;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.imgproc.Moments;

/**
 * Pupil location inside each eye region (a box around the YuNet eye landmark, sized from the inter-ocular
 * distance): the darkest pixels of the blurred region form the pupil, their centroid gives the ratios.
 */
public final class GazeEstimator {

    private static final double EYE_WIDTH = 0.42;
    private static final double EYE_HEIGHT = 0.26;
    private static final double DARK_SHARE = 0.12;

    private final int minEyeWidthPx;
    private final double sideThreshold;
    private final double verticalThreshold;

    /**
     * @param minEyeWidthPx below this eye-region width no gaze is reported (too few pixels for a pupil)
     * @param sideThreshold horizontal ratio distance from 0.5 beyond which the gaze is LEFT/RIGHT
     * @param verticalThreshold vertical ratio distance from 0.5 beyond which the gaze is UP/DOWN
     */
    public GazeEstimator(int minEyeWidthPx, double sideThreshold, double verticalThreshold) {
        this.minEyeWidthPx = minEyeWidthPx;
        this.sideThreshold = sideThreshold;
        this.verticalThreshold = verticalThreshold;
    }

    /** The gaze of one face, or null when the eyes are too small to locate the pupils. */
    public Gaze estimate(Mat gray, DetectedFace face) {
        double iod = face.interOcular();
        int w = (int) Math.round(iod * EYE_WIDTH);
        int h = Math.max(4, (int) Math.round(iod * EYE_HEIGHT));
        if (w < minEyeWidthPx) {
            return null;
        }
        double hSum = 0;
        double vSum = 0;
        for (int eye = 0; eye < 2; eye++) {
            var ratios = pupil(gray, face.landmarkX(eye), face.landmarkY(eye), w, h);
            hSum += ratios[0];
            vSum += ratios[1];
        }
        double horizontal = hSum / 2;
        double vertical = vSum / 2;
        return new Gaze(direction(horizontal, vertical), horizontal, vertical);
    }

    Gaze.Direction direction(double horizontal, double vertical) {
        if (horizontal < 0.5 - sideThreshold) {
            return Gaze.Direction.RIGHT;
        }
        if (horizontal > 0.5 + sideThreshold) {
            return Gaze.Direction.LEFT;
        }
        if (vertical < 0.5 - verticalThreshold) {
            return Gaze.Direction.UP;
        }
        if (vertical > 0.5 + verticalThreshold) {
            return Gaze.Direction.DOWN;
        }
        return Gaze.Direction.CENTER;
    }

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
            Imgproc.threshold(blurred, mask, threshold, 255, Imgproc.THRESH_BINARY_INV);
            Moments m = Imgproc.moments(mask, true);
            if (m.m00 < 1) {
                return new double[] {0.5, 0.5};
            }
            return new double[] {(m.m10 / m.m00 + 0.5) / w, (m.m01 / m.m00 + 0.5) / h};
        } finally {
            region.release();
            blurred.release();
            mask.release();
        }
    }
}
