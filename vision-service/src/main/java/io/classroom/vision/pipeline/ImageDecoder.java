package io.classroom.vision.pipeline;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes JPEG and PNG bytes into a BGR {@link Mat}, refusing anything else before the decoder allocates memory:
 * the dimensions are read from the header first, so a decompression bomb (a tiny file declaring a huge image)
 * never reaches the decoder, and a file without its end marker is treated as truncated.
 */
public final class ImageDecoder {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final long maxPixels;
    private final int maxSide;

    public ImageDecoder(long maxPixels, int maxSide) {
        this.maxPixels = maxPixels;
        this.maxSide = maxSide;
        OpenCv.load();
    }

    /** Width and height as the header declares them. */
    public record Dimensions(int width, int height) {}

    public Mat decode(byte[] bytes) {
        var dims = inspect(bytes);
        var buffer = new MatOfByte(bytes);
        try {
            var image = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_COLOR);
            if (image.empty() || image.cols() != dims.width() || image.rows() != dims.height()) {
                image.release();
                throw new InvalidImageException("the image data could not be decoded");
            }
            return image;
        } finally {
            buffer.release();
        }
    }

    /** Validates the header, the end marker and the size limits without decoding any pixel. */
    public Dimensions inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidImageException("the image is empty");
        }
        Dimensions dims;
        if (isJpeg(bytes)) {
            dims = jpegDimensions(bytes);
        } else if (isPng(bytes)) {
            dims = pngDimensions(bytes);
        } else {
            throw new InvalidImageException("not a JPEG or PNG image");
        }
        if (dims.width() <= 0 || dims.height() <= 0) {
            throw new InvalidImageException("the image declares no pixels");
        }
        if (dims.width() > maxSide || dims.height() > maxSide || (long) dims.width() * dims.height() > maxPixels) {
            throw new InvalidImageException(
                    "image of %dx%d exceeds the limit of %d pixels (%d per side)"
                            .formatted(dims.width(), dims.height(), maxPixels, maxSide),
                    true);
        }
        return dims;
    }

    static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    static boolean isPng(byte[] b) {
        if (b.length < PNG_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < PNG_MAGIC.length; i++) {
            if (b[i] != PNG_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static Dimensions pngDimensions(byte[] b) {
        // Signature, then the IHDR chunk: length(4) "IHDR"(4) width(4) height(4).
        if (b.length < 33 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new InvalidImageException("PNG header is missing or truncated");
        }
        long width = readInt(b, 16) & 0xFFFFFFFFL;
        long height = readInt(b, 20) & 0xFFFFFFFFL;
        // The last chunk of a complete PNG is IEND (length 0, type, CRC): 12 bytes.
        int end = b.length - 12;
        if (end < 33 || b[end + 4] != 'I' || b[end + 5] != 'E' || b[end + 6] != 'N' || b[end + 7] != 'D') {
            throw new InvalidImageException("PNG is truncated (no IEND chunk)");
        }
        return new Dimensions((int) Math.min(width, Integer.MAX_VALUE), (int) Math.min(height, Integer.MAX_VALUE));
    }

    private static Dimensions jpegDimensions(byte[] b) {
        int pos = 2;
        Dimensions dims = null;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                throw new InvalidImageException("JPEG segment structure is corrupt");
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            int length = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            if (length < 2 || pos + 2 + length > b.length) {
                throw new InvalidImageException("JPEG is truncated");
            }
            if (isStartOfFrame(marker)) {
                if (length < 7) {
                    throw new InvalidImageException("JPEG frame header is corrupt");
                }
                int height = ((b[pos + 5] & 0xFF) << 8) | (b[pos + 6] & 0xFF);
                int width = ((b[pos + 7] & 0xFF) << 8) | (b[pos + 8] & 0xFF);
                dims = new Dimensions(width, height);
            }
            if (marker == 0xDA) {
                if (dims == null) {
                    throw new InvalidImageException("JPEG has no frame header");
                }
                // Entropy-coded data stuffs 0xFF with 0x00, so an FF D9 after the scan header is the real end.
                if (!hasEndMarker(b, pos + 2 + length)) {
                    throw new InvalidImageException("JPEG is truncated (no end-of-image marker)");
                }
                return dims;
            }
            pos += 2 + length;
        }
        throw new InvalidImageException("JPEG is truncated");
    }

    private static boolean hasEndMarker(byte[] b, int from) {
        for (int i = b.length - 2; i >= from; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
