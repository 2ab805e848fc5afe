package io.classroom.vision.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * YuNet run through ONNX Runtime, twice as fast as through OpenCV's {@code FaceDetectorYN} on one core (the vision
 * README, "Benchmark"). Frames larger than {@code maxSide} are scaled down first (the cost grows with the pixels), and
 * the faces that need precise landmarks are detected again on a window around them at up to 1280 px. Images are
 * padded to multiples of 32 and fed as BGR 0-255 planes. The network predicts, for each cell of three grids (strides 8,
 * 16, 32), a class and an objectness score, a box (centre offset and log size, in strides) and five landmarks (offsets,
 * in strides); a face's score is sqrt(class x objectness), and overlapping boxes are suppressed (IoU above 0.3), as
 * {@code FaceDetectorYN} decodes the same weights.
 */
public final class FaceDetector implements AutoCloseable {

    private static final int[] STRIDES = {8, 16, 32};
    private static final float NMS_IOU = 0.3f;
    private static final int ALIGN = 32;
    /**
     * A refinement window's side, in face sizes, and its origin on the coarsest stride's grid: with that context and
     * alignment the window gives the landmarks of a full-frame detection (within 1 % of the face: FaceDetectorTest).
     */
    private static final double REFINE_CONTEXT = 3.0;
    /**
     * The resolution landmarks are refined at (every accuracy target was measured there): YuNet's landmarks drift on
     * faces much larger than those it was trained on, so a larger frame is refined scaled down to this.
     */
    private static final int LANDMARK_MAX_SIDE = 1280;

    private static final double REFINE_MIN_IOU = 0.5;
    /** Windows covering more than this share of the frame are replaced by one detection of the whole frame. */
    private static final double WHOLE_FRAME_SHARE = 0.5;

    private final OnnxRunner yunet;
    private final float scoreThreshold;
    private final int maxSide;
    private final Predicate<DetectedFace> refine;

    /**
     * @param refine which faces of a scaled-down detection to detect again on a window of the frame, for precise
     *     landmarks (each costs a small detection)
     */
    public FaceDetector(Path model, float scoreThreshold, int maxSide, Predicate<DetectedFace> refine) {
        this.yunet = new OnnxRunner(model);
        this.scoreThreshold = scoreThreshold;
        this.maxSide = maxSide;
        this.refine = refine;
    }

    public List<DetectedFace> detect(Mat bgr) {
        int longest = Math.max(bgr.cols(), bgr.rows());
        double scale = Math.min(1.0, (double) maxSide / longest);
        double landmarkScale = Math.min(1.0, (double) LANDMARK_MAX_SIDE / longest);
        var small = scale < 1.0 ? Crops.scaled(bgr, scale) : bgr;
        try {
            var found = run(small, (float) (1.0 / scale), 0, 0);
            return scale >= landmarkScale ? found : refined(bgr, landmarkScale, found);
        } finally {
            if (small != bgr) {
                small.release();
            }
        }
    }

    /** The faces of a scaled-down detection, those selected by {@code refine} detected again at the landmark scale. */
    private List<DetectedFace> refined(Mat bgr, double landmarkScale, List<DetectedFace> found) {
        var landmarkFrame = landmarkScale < 1.0 ? Crops.scaled(bgr, landmarkScale) : bgr;
        try {
            var selected = new boolean[found.size()];
            double windows = 0;
            for (int i = 0; i < selected.length; i++) {
                selected[i] = refine.test(found.get(i));
                if (selected[i]) {
                    double side = windowSide(found.get(i), landmarkScale);
                    windows += Math.min(side * side, landmarkFrame.total());
                }
            }
            if (windows > WHOLE_FRAME_SHARE * landmarkFrame.total()) {
                // Large faces: their windows would cost more than detecting the whole frame at the landmark scale.
                return run(landmarkFrame, (float) (1.0 / landmarkScale), 0, 0);
            }
            var refined = new ArrayList<DetectedFace>();
            for (int i = 0; i < selected.length; i++) {
                refined.add(selected[i] ? refine(landmarkFrame, landmarkScale, found.get(i)) : found.get(i));
            }
            return suppressOverlaps(refined);
        } finally {
            if (landmarkFrame != bgr) {
                landmarkFrame.release();
            }
        }
    }

    /** The side of a face's refinement window in an image scaled by {@code scale}. */
    private static double windowSide(DetectedFace face, double scale) {
        return REFINE_CONTEXT * Math.max(face.width(), face.height()) * scale;
    }

    /**
     * The face detected again on a window around it in {@code image} (the frame scaled by {@code imageScale}, at most
     * 1280 px): a scaled-down detection finds the faces, but its landmarks are too coarse for head pose and gaze on
     * large faces (the vision README). The window's best match replaces the face; where the window finds none (a face
     * only the wider context revealed), it stays as found.
     */
    private DetectedFace refine(Mat image, double imageScale, DetectedFace face) {
        double cx = (face.x() + face.width() / 2.0) * imageScale;
        double cy = (face.y() + face.height() / 2.0) * imageScale;
        double half = windowSide(face, imageScale) / 2;
        int x0 = alignDown(Crops.clamp((int) Math.floor(cx - half), 0, image.cols() - 1));
        int y0 = alignDown(Crops.clamp((int) Math.floor(cy - half), 0, image.rows() - 1));
        int x1 = Crops.clamp((int) Math.ceil(cx + half), x0 + 1, image.cols());
        int y1 = Crops.clamp((int) Math.ceil(cy + half), y0 + 1, image.rows());
        var window = image.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
        float back = (float) (1.0 / imageScale);
        try {
            return run(window, back, x0 * back, y0 * back).stream()
                    .filter(found -> found.iou(face) >= REFINE_MIN_IOU)
                    .max(Comparator.comparingDouble(found -> found.iou(face)))
                    .orElse(face);
        } finally {
            window.release();
        }
    }

    /** Faces of the image, mapped back to frame pixels: {@code frame = image * back + offset}. */
    private List<DetectedFace> run(Mat image, float back, float offsetX, float offsetY) {
        int width = align(image.cols());
        int height = align(image.rows());
        var outputs = yunet.run(planes(image, width, height), 1, 3, height, width);
        var found = new ArrayList<DetectedFace>();
        for (int stride : STRIDES) {
            decode(
                    stride,
                    width / stride,
                    outputs.get("cls_" + stride),
                    outputs.get("obj_" + stride),
                    outputs.get("bbox_" + stride),
                    outputs.get("kps_" + stride),
                    back,
                    offsetX,
                    offsetY,
                    found);
        }
        return suppressOverlaps(found);
    }

    @Override
    public void close() {
        yunet.close();
    }

    private static int alignDown(int position) {
        return position / ALIGN * ALIGN;
    }

    private static int align(int size) {
        return (size + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** The image as three planes (B, G, R) of 0-255 values, {@code width x height}, zero beyond the image. */
    private static float[] planes(Mat image, int width, int height) {
        int cols = image.cols();
        int rows = image.rows();
        var pixels = new byte[cols * rows * 3];
        image.get(0, 0, pixels);
        var planes = new float[3 * width * height];
        int plane = width * height;
        for (int y = 0; y < rows; y++) {
            int from = y * cols * 3;
            int to = y * width;
            for (int x = 0; x < cols; x++) {
                int p = from + x * 3;
                planes[to + x] = pixels[p] & 0xff;
                planes[plane + to + x] = pixels[p + 1] & 0xff;
                planes[2 * plane + to + x] = pixels[p + 2] & 0xff;
            }
        }
        return planes;
    }

    private void decode(
            int stride,
            int columns,
            float[] cls,
            float[] obj,
            float[] box,
            float[] kps,
            float back,
            float offsetX,
            float offsetY,
            List<DetectedFace> out) {
        for (int i = 0; i < cls.length; i++) {
            float score = (float) Math.sqrt(clamp(cls[i]) * clamp(obj[i]));
            if (score < scoreThreshold) {
                continue;
            }
            int column = i % columns;
            int row = i / columns;
            float cx = (column + box[4 * i]) * stride;
            float cy = (row + box[4 * i + 1]) * stride;
            float w = (float) Math.exp(box[4 * i + 2]) * stride;
            float h = (float) Math.exp(box[4 * i + 3]) * stride;
            var landmarks = new float[10];
            for (int k = 0; k < 5; k++) {
                landmarks[2 * k] = (kps[10 * i + 2 * k] + column) * stride * back + offsetX;
                landmarks[2 * k + 1] = (kps[10 * i + 2 * k + 1] + row) * stride * back + offsetY;
            }
            out.add(new DetectedFace(
                    (cx - w / 2) * back + offsetX,
                    (cy - h / 2) * back + offsetY,
                    w * back,
                    h * back,
                    landmarks,
                    score));
        }
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(1f, value));
    }

    /** Greedy non-maximum suppression: the best-scored box of each overlapping group stays. */
    private static List<DetectedFace> suppressOverlaps(List<DetectedFace> faces) {
        faces.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        var kept = new ArrayList<DetectedFace>();
        for (var face : faces) {
            if (kept.stream().noneMatch(k -> k.iou(face) > NMS_IOU)) {
                kept.add(face);
            }
        }
        return kept;
    }
}
