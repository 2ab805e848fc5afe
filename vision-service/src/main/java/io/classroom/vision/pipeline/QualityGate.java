package io.classroom.vision.pipeline;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.imgproc.Imgproc;

/** Minimum face width, blur (variance of the Laplacian) and extreme pose decide if a face may be recognised. */
public record QualityGate(int minFaceWidthPx, double minSharpness, double maxYawDeg, double maxPitchDeg) {

    public Quality assess(DetectedFace face, HeadPose pose, Mat alignedBgr) {
        int width = Math.round(face.width());
        double sharpness = sharpness(alignedBgr);
        String reason = null;
        if (width < minFaceWidthPx) {
            reason = "face narrower than " + minFaceWidthPx + " px";
        } else if (sharpness < minSharpness) {
            reason = "blurred";
        } else if (Math.abs(pose.yawDeg()) > maxYawDeg || Math.abs(pose.pitchDeg()) > maxPitchDeg) {
            reason = "head turned too far";
        }
        return new Quality(width, sharpness, reason == null, reason);
    }

    static double sharpness(Mat bgr) {
        var gray = new Mat();
        var laplacian = new Mat();
        var mean = new MatOfDouble();
        var std = new MatOfDouble();
        try {
            Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
            Imgproc.Laplacian(gray, laplacian, CvType.CV_64F);
            Core.meanStdDev(laplacian, mean, std);
            double s = std.toArray()[0];
            return s * s;
        } finally {
            gray.release();
            laplacian.release();
            mean.release();
            std.release();
        }
    }
}
