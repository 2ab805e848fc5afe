package io.classroom.vision.pipeline;

import java.nio.file.Path;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Aligns a face to the 112x112 ArcFace template with a similarity transform from its 5 landmarks, then embeds it
 * with MobileFaceNet (RGB, 0..1, ImageNet mean/std) into an L2-normalised 128-float vector.
 */
public final class FaceEmbedder implements AutoCloseable {

    public static final int SIDE = 112;
    public static final String MODEL_ID = ModelFile.MOBILEFACENET.modelId();

    private static final double[] TEMPLATE = {
        38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041
    };
    private static final Scalar MEAN = new Scalar(0.406, 0.456, 0.485);
    private static final Scalar STD = new Scalar(0.225, 0.224, 0.229);

    private final OnnxRunner model;
    private final float[] input = new float[3 * SIDE * SIDE];

    public FaceEmbedder(Path modelsDir) {
        this.model = new OnnxRunner(ModelFile.MOBILEFACENET.in(modelsDir), 1, 3, SIDE, SIDE);
    }

    /** The 112x112 BGR crop of the face, aligned to the template. */
    public static Mat align(Mat bgr, DetectedFace face) {
        var m = similarity(face.landmarks(), TEMPLATE);
        var transform = new Mat(2, 3, CvType.CV_64F);
        transform.put(0, 0, m);
        var aligned = new Mat();
        Imgproc.warpAffine(
                bgr,
                aligned,
                transform,
                new Size(SIDE, SIDE),
                Imgproc.INTER_LINEAR,
                Core.BORDER_CONSTANT,
                Scalar.all(0));
        transform.release();
        return aligned;
    }

    /** Embeds an aligned 112x112 BGR crop. */
    public float[] embed(Mat aligned) {
        var floats = new Mat();
        try {
            // BGR order here: the mean/std constants are listed B, G, R; the channel swap happens in toChw below.
            aligned.convertTo(floats, CvType.CV_32FC3, 1.0 / 255.0);
            Core.subtract(floats, MEAN, floats);
            Core.divide(floats, STD, floats);
            Crops.toChw(floats, input);
            swapFirstAndLastPlane(input);
            return normalise(model.run(input));
        } finally {
            floats.release();
        }
    }

    private static void swapFirstAndLastPlane(float[] chw) {
        int plane = SIDE * SIDE;
        for (int i = 0; i < plane; i++) {
            float t = chw[i];
            chw[i] = chw[2 * plane + i];
            chw[2 * plane + i] = t;
        }
    }

    public static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float inv = (float) (1.0 / Math.max(Math.sqrt(sum), 1e-12));
        var out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    /** Cosine similarity of two L2-normalised vectors. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /**
     * Least-squares similarity transform (rotation, uniform scale, translation; no reflection) mapping the
     * source points onto the destination points, as a row-major 2x3 matrix.
     */
    static double[] similarity(float[] src, double[] dst) {
        int n = dst.length / 2;
        double msx = 0, msy = 0, mdx = 0, mdy = 0;
        for (int i = 0; i < n; i++) {
            msx += src[2 * i];
            msy += src[2 * i + 1];
            mdx += dst[2 * i];
            mdy += dst[2 * i + 1];
        }
        msx /= n;
        msy /= n;
        mdx /= n;
        mdy /= n;
        double a = 0, b = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double sx = src[2 * i] - msx;
            double sy = src[2 * i + 1] - msy;
            double dx = dst[2 * i] - mdx;
            double dy = dst[2 * i + 1] - mdy;
            a += sx * dx + sy * dy;
            b += sx * dy - sy * dx;
            norm += sx * sx + sy * sy;
        }
        double c = a / Math.max(norm, 1e-12);
        double s = b / Math.max(norm, 1e-12);
        return new double[] {c, -s, mdx - (c * msx - s * msy), s, c, mdy - (s * msx + c * msy)};
    }

    @Override
    public void close() {
        model.close();
    }
}
