package io.classroom.vision.pipeline;

/** The bytes are not an image this service accepts: not JPEG/PNG, truncated, or too large to decode safely. */
public class InvalidImageException extends RuntimeException {

    private final boolean tooLarge;

    public InvalidImageException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public InvalidImageException(String message) {
        this(message, false);
    }

    /** True when the image is well-formed but exceeds the pixel limit (413 rather than 400). */
    public boolean tooLarge() {
        return tooLarge;
    }
}
