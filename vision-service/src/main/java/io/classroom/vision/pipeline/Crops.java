package io.classroom.vision.pipeline;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Small image helpers shared by the detection, pose, gaze and embedding stages. */
final class Crops {

    private Crops() {}

    /** A square crop centred on (cx, cy); parts outside the frame are padded by replicating the border. */
    static Mat squareCrop(Mat image, double cx, double cy, double side) {
        int s = Math.max(1, (int) Math.round(side));
        int x0 = (int) Math.round(cx - s / 2.0);
        int y0 = (int) Math.round(cy - s / 2.0);
        return paddedCrop(image, x0, y0, s, s);
    }

    /** The rectangle (x0, y0, w, h) of the image as a new Mat, padded where it leaves the frame. */
    static Mat paddedCrop(Mat image, int x0, int y0, int w, int h) {
        int ix0 = clamp(x0, 0, image.cols() - 1);
        int iy0 = clamp(y0, 0, image.rows() - 1);
        int ix1 = clamp(x0 + w, ix0 + 1, image.cols());
        int iy1 = clamp(y0 + h, iy0 + 1, image.rows());
        var roi = image.submat(new Rect(ix0, iy0, ix1 - ix0, iy1 - iy0));
        var out = new Mat();
        int top = Math.max(0, iy0 - y0);
        int left = Math.max(0, ix0 - x0);
        int bottom = Math.max(0, h - top - (iy1 - iy0));
        int right = Math.max(0, w - left - (ix1 - ix0));
        Core.copyMakeBorder(roi, out, top, bottom, left, right, Core.BORDER_REPLICATE);
        roi.release();
        return out;
    }

    /** The image scaled by {@code scale} (area interpolation), as a new Mat. */
    static Mat scaled(Mat image, double scale) {
        var out = new Mat();
        Imgproc.resize(
                image,
                out,
                new Size(Math.round(image.cols() * scale), Math.round(image.rows() * scale)),
                0,
                0,
                Imgproc.INTER_AREA);
        return out;
    }

    /** Copies an interleaved float Mat (HWC) into a planar CHW array. */
    static void toChw(Mat floats, float[] chw) {
        int channels = floats.channels();
        int plane = floats.rows() * floats.cols();
        var hwc = new float[plane * channels];
        floats.get(0, 0, hwc);
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < channels; c++) {
                chw[c * plane + i] = hwc[i * channels + c];
            }
        }
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
