package io.classroom.vision.pipeline;

import java.nio.file.Path;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** FSA-Net head pose: two models on a 64x64 BGR crop, outputs averaged; landmark yaw ratio alongside. */
public final class HeadPoseEstimator implements AutoCloseable {

    private static final int SIDE = 64;
    private static final double MARGIN = 0.2;

    private final OnnxRunner first;
    private final OnnxRunner second;
    private final float[] input = new float[3 * SIDE * SIDE];

    public HeadPoseEstimator(Path modelsDir) {
        this.first = new OnnxRunner(ModelFile.FSANET_1X1.in(modelsDir), 1, 3, SIDE, SIDE);
        this.second = new OnnxRunner(ModelFile.FSANET_VAR.in(modelsDir), 1, 3, SIDE, SIDE);
    }

    public HeadPose estimate(Mat bgr, DetectedFace face) {
        fillInput(bgr, face);
        var a = first.run(input);
        var b = second.run(input);
        double yaw = (a[0] + b[0]) / 2.0;
        double pitch = (a[1] + b[1]) / 2.0;
        double roll = (a[2] + b[2]) / 2.0;
        return new HeadPose(yaw, pitch, roll, landmarkYawRatio(face));
    }

    /**
     * Nose offset from the midline between the eye centre and the mouth centre, in inter-ocular units, after
     * rotating the landmarks so the eyes are level. Negative when the nose sits left of the midline in the image.
     */
    public static double landmarkYawRatio(DetectedFace f) {
        double iod = f.interOcular();
        if (iod < 1e-3) {
            return 0;
        }
        double angle = Math.atan2(f.landmarkY(1) - f.landmarkY(0), f.landmarkX(1) - f.landmarkX(0));
        double cos = Math.cos(-angle);
        double sin = Math.sin(-angle);
        double eyeMidX = (f.landmarkX(0) + f.landmarkX(1)) / 2;
        double mouthMidX = (f.landmarkX(3) + f.landmarkX(4)) / 2;
        double eyeMidY = (f.landmarkY(0) + f.landmarkY(1)) / 2;
        double mouthMidY = (f.landmarkY(3) + f.landmarkY(4)) / 2;
        double midlineX = rotX((eyeMidX + mouthMidX) / 2, (eyeMidY + mouthMidY) / 2, cos, sin);
        double noseX = rotX(f.landmarkX(2), f.landmarkY(2), cos, sin);
        return (noseX - midlineX) / iod;
    }

    private static double rotX(double x, double y, double cos, double sin) {
        return x * cos - y * sin;
    }

    private void fillInput(Mat bgr, DetectedFace face) {
        double side = Math.max(face.width(), face.height()) * (1 + 2 * MARGIN);
        double cx = face.x() + face.width() / 2.0;
        double cy = face.y() + face.height() / 2.0;
        var crop = Crops.squareCrop(bgr, cx, cy, side);
        var small = new Mat();
        var floats = new Mat();
        try {
            Imgproc.resize(crop, small, new Size(SIDE, SIDE), 0, 0, Imgproc.INTER_AREA);
            small.convertTo(floats, CvType.CV_32FC3, 1.0 / 128.0, -127.5 / 128.0);
            Crops.toChw(floats, input);
        } finally {
            crop.release();
            small.release();
            floats.release();
        }
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
