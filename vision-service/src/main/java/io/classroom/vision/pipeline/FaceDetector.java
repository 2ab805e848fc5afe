package io.classroom.vision.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.FaceDetectorYN;

/** YuNet through OpenCV's {@link FaceDetectorYN}; large frames are scaled down first (cost grows with pixels). */
public final class FaceDetector {

    private final FaceDetectorYN yunet;
    private final int maxSide;
    private Size inputSize = new Size(0, 0);

    public FaceDetector(Path model, float scoreThreshold, int maxSide) {
        this.yunet = FaceDetectorYN.create(model.toString(), "", new Size(320, 320), scoreThreshold, 0.3f, 5000);
        this.maxSide = maxSide;
    }

    public List<DetectedFace> detect(Mat bgr) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(bgr.cols(), bgr.rows()));
        Mat input = bgr;
        if (scale < 1.0) {
            input = new Mat();
            Imgproc.resize(
                    bgr,
                    input,
                    new Size(Math.round(bgr.cols() * scale), Math.round(bgr.rows() * scale)),
                    0,
                    0,
                    Imgproc.INTER_AREA);
        }
        var out = new Mat();
        try {
            if (input.cols() != inputSize.width || input.rows() != inputSize.height) {
                inputSize = input.size();
                yunet.setInputSize(inputSize);
            }
            yunet.detect(input, out);
            var faces = new ArrayList<DetectedFace>(out.rows());
            var row = new float[15];
            float inv = (float) (1.0 / scale);
            for (int r = 0; r < out.rows(); r++) {
                out.get(r, 0, row);
                var landmarks = new float[10];
                for (int i = 0; i < 10; i++) {
                    landmarks[i] = row[4 + i] * inv;
                }
                faces.add(new DetectedFace(row[0] * inv, row[1] * inv, row[2] * inv, row[3] * inv, landmarks, row[14]));
            }
            return faces;
        } finally {
            out.release();
            if (input != bgr) {
                input.release();
            }
        }
    }
}
