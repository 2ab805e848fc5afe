package io.classroom.vision.pipeline;

import java.nio.file.Path;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Webcam-sized frames made from the face photos at test time (nothing binary is committed): a photo scaled to cover
 * a frame, or several photos placed on a grey frame, encoded as JPEG or PNG.
 */
public final class TestFrames {

    /** A photo placed on a frame: its top-left corner and the height it is scaled to (aspect kept). */
    public record Placement(Path photo, int x, int y, int height) {}

    private TestFrames() {}

    /** The photo scaled to cover a {@code width x height} frame (centre crop), like a webcam filling its frame. */
    public static byte[] cover(Path photo, int width, int height, String format) {
        OpenCv.load();
        var source = read(photo);
        double scale = Math.max((double) width / source.cols(), (double) height / source.rows());
        var scaled = new Mat();
        Imgproc.resize(
                source,
                scaled,
                new Size(Math.ceil(source.cols() * scale), Math.ceil(source.rows() * scale)),
                0,
                0,
                Imgproc.INTER_AREA);
        var frame = scaled.submat(new Rect((scaled.cols() - width) / 2, (scaled.rows() - height) / 2, width, height));
        try {
            return encode(frame, format);
        } finally {
            frame.release();
            scaled.release();
            source.release();
        }
    }

    /** Photos placed on a grey {@code width x height} frame (clipped at its edges), as a JPEG. */
    public static byte[] compose(int width, int height, Placement... placements) {
        OpenCv.load();
        var frame = new Mat(height, width, CvType.CV_8UC3, new Scalar(128, 128, 128));
        try {
            for (var p : placements) {
                var source = read(p.photo());
                var scaled = new Mat();
                double scale = (double) p.height() / source.rows();
                Imgproc.resize(
                        source,
                        scaled,
                        new Size(Math.round(source.cols() * scale), p.height()),
                        0,
                        0,
                        Imgproc.INTER_AREA);
                int w = Math.min(scaled.cols(), width - p.x());
                int h = Math.min(scaled.rows(), height - p.y());
                var target = frame.submat(new Rect(p.x(), p.y(), w, h));
                var part = scaled.submat(new Rect(0, 0, w, h));
                part.copyTo(target);
                part.release();
                target.release();
                scaled.release();
                source.release();
            }
            return encode(frame, "jpg");
        } finally {
            frame.release();
        }
    }

    private static Mat read(Path photo) {
        var bytes = new MatOfByte(TestAssets.read(photo));
        try {
            return Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
        } finally {
            bytes.release();
        }
    }

    /** JPEG at quality 90 (a browser's canvas.toDataURL default is close) or PNG. */
    private static byte[] encode(Mat frame, String format) {
        var out = new MatOfByte();
        try {
            var params = format.equals("png")
                    ? new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3)
                    : new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
            if (!Imgcodecs.imencode("." + format, frame, out, params)) {
                throw new IllegalStateException("cannot encode a test frame as " + format);
            }
            return out.toArray();
        } finally {
            out.release();
        }
    }
}
