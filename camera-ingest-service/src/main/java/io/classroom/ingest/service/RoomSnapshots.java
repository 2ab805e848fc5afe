package io.classroom.ingest.service;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Turns a camera frame into a room snapshot that shows the room and no one in it recognisably: scaled down to a small
 * width, then blurred three times with a box of about 1/24 of that width (close to a Gaussian of σ ≈ 2.3 % of the
 * width, 7.5 px at 320: a face becomes a blob of colour; desks, windows and the board stay).
 */
public final class RoomSnapshots {

    /** A JPEG snapshot and its size. */
    public record Snapshot(byte[] jpeg, int width, int height) {}

    private static final float QUALITY = 0.7f;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private RoomSnapshots() {}

    /** The snapshot of a JPEG frame {@code width} pixels wide (never wider than the frame); empty if unreadable. */
    public static Optional<Snapshot> of(byte[] frame, int width) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(frame));
        if (source == null || width <= 0) {
            return Optional.empty();
        }
        int w = Math.min(width, source.getWidth());
        int h = Math.max(1, Math.round((float) source.getHeight() * w / source.getWidth()));
        var small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var graphics = small.createGraphics();
        graphics.drawImage(source.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        graphics.dispose();
        int[] pixels = small.getRGB(0, 0, w, h, null, 0, w);
        int radius = Math.max(1, Math.round(w / 48f));
        for (int pass = 0; pass < 3; pass++) {
            pixels = boxBlur(pixels, w, h, radius, true);
            pixels = boxBlur(pixels, w, h, radius, false);
        }
        small.setRGB(0, 0, w, h, pixels, 0, w);
        return Optional.of(new Snapshot(Jpegs.encode(small, QUALITY), w, h));
    }

    /** One pass of a (2 radius + 1)-wide box along rows or columns; edges repeat the border pixel. */
    static int[] boxBlur(int[] in, int w, int h, int radius, boolean horizontal) {
        int[] out = new int[in.length];
        int lines = horizontal ? h : w;
        int length = horizontal ? w : h;
        int window = 2 * radius + 1;
        for (int line = 0; line < lines; line++) {
            int r = 0;
            int g = 0;
            int b = 0;
            for (int i = -radius; i <= radius; i++) {
                int p = in[index(line, clamp(i, length), w, horizontal)];
                r += (p >> 16) & 0xff;
                g += (p >> 8) & 0xff;
                b += p & 0xff;
            }
            for (int i = 0; i < length; i++) {
                out[index(line, i, w, horizontal)] = (r / window) << 16 | (g / window) << 8 | (b / window);
                int leaving = in[index(line, clamp(i - radius, length), w, horizontal)];
                int entering = in[index(line, clamp(i + radius + 1, length), w, horizontal)];
                r += ((entering >> 16) & 0xff) - ((leaving >> 16) & 0xff);
                g += ((entering >> 8) & 0xff) - ((leaving >> 8) & 0xff);
                b += (entering & 0xff) - (leaving & 0xff);
            }
        }
        return out;
    }

    private static int index(int line, int position, int width, boolean horizontal) {
        return horizontal ? line * width + position : position * width + line;
    }

    private static int clamp(int i, int length) {
        return Math.max(0, Math.min(length - 1, i));
    }
}
