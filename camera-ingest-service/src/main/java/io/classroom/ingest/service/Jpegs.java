package io.classroom.ingest.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

/** JPEG encoding at a chosen quality (ImageIO's default writer). */
final class Jpegs {

    private Jpegs() {}

    /** {@code rgb} (no alpha: JPEG has none) at {@code quality}, 0 to 1. */
    static byte[] encode(BufferedImage rgb, float quality) {
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            var params = writer.getDefaultWriteParam();
            params.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            params.setCompressionQuality(quality);
            var out = new ByteArrayOutputStream();
            try (var stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(rgb, null, null), params);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
