package io.classroom.vision.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.objdetect.FaceDetectorYN;

/**
 * The same YuNet weights through OpenCV's {@code FaceDetectorYN} (OpenCV Zoo's fixed-size export), scaled down as the
 * shipped {@link FaceDetector} scales frames: the reference its ONNX Runtime decode is checked and measured against.
 */
final class OpenCvYunet {

    private final FaceDetectorYN yunet;
    private final int maxSide;

    OpenCvYunet(int maxSide) {
        OpenCv.load();
        this.yunet = FaceDetectorYN.create(
                TestAssets.models().resolve("face_detection_yunet_2023mar.onnx").toString(),
                "",
                new Size(320, 320),
                0.75f,
                0.3f,
                5000);
        this.maxSide = maxSide;
    }

    List<DetectedFace> detect(Mat bgr) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(bgr.cols(), bgr.rows()));
        var input = Crops.scaled(bgr, scale);
        var out = new Mat();
        try {
            yunet.setInputSize(input.size());
            yunet.detect(input, out);
            var faces = new ArrayList<DetectedFace>();
            var row = new float[15];
            float back = (float) (1 / scale);
            for (int r = 0; r < out.rows(); r++) {
                out.get(r, 0, row);
                var landmarks = new float[10];
                for (int i = 0; i < 10; i++) {
                    landmarks[i] = row[4 + i] * back;
                }
                faces.add(new DetectedFace(
                        row[0] * back, row[1] * back, row[2] * back, row[3] * back, landmarks, row[14]));
            }
            return faces;
        } finally {
            input.release();
            out.release();
        }
    }
}
