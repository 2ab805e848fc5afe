package io.classroom.analytics.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Checks on images received from other services before they are kept and drawn. */
public final class Images {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Images() {}

    /** Whether {@code bytes} decode as an image (ImageIO). */
    public static boolean isReadable(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return false;
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes)) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
