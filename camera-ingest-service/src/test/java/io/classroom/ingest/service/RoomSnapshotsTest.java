package io.classroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A room snapshot keeps the room's layout and loses the detail that would let anyone be recognised. */
class RoomSnapshotsTest {

    /**
     * A 1280x720 frame: a dark left half, and in the right half checks of 32 px, the size of the eyes, nose and mouth of
     * a face 150 px wide.
     */
    private static byte[] frame() {
        var image = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(40, 40, 40));
        graphics.fillRect(0, 0, 640, 720);
        for (int y = 0; y < 720; y += 32) {
            for (int x = 640; x < 1280; x += 32) {
                graphics.setColor(((x + y) / 32) % 2 == 0 ? Color.WHITE : new Color(120, 120, 120));
                graphics.fillRect(x, y, 32, 32);
            }
        }
        graphics.dispose();
        return Jpegs.encode(image, 0.95f);
    }

    private static BufferedImage snapshot(byte[] frame, int width) throws Exception {
        var snapshot = RoomSnapshots.of(frame, width).orElseThrow();
        var image = ImageIO.read(new ByteArrayInputStream(snapshot.jpeg()));
        assertThat(image.getWidth()).isEqualTo(snapshot.width());
        assertThat(image.getHeight()).isEqualTo(snapshot.height());
        return image;
    }

    private static double[] luminance(BufferedImage image, int fromX, int toX) {
        int margin = 40; // away from the edges and the boundary between the halves
        var values = new ArrayList<Double>();
        for (int y = margin; y < image.getHeight() - margin; y++) {
            for (int x = fromX + margin; x < toX - margin; x++) {
                int p = image.getRGB(x, y);
                values.add(0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double deviation(double[] values) {
        double mean = mean(values);
        return Math.sqrt(Arrays.stream(values)
                .map(v -> (v - mean) * (v - mean))
                .average()
                .orElseThrow());
    }

    @Test
    void scalesDownKeepingTheAspectAndNeverUp() throws Exception {
        var small = snapshot(frame(), 320);
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(180);

        var asLarge = snapshot(Jpegs.encode(new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB), 0.9f), 320);
        assertThat(asLarge.getWidth()).isEqualTo(200);
        assertThat(asLarge.getHeight()).isEqualTo(100);
    }

    @Test
    void theLayoutStaysAndFaceSizedDetailGoes() throws Exception {
        var image = snapshot(frame(), 320);
        var dark = luminance(image, 0, 160);
        var checks = luminance(image, 160, 320);

        // The halves stay apart...
        assertThat(mean(checks) - mean(dark)).isGreaterThan(100);
        // ...while the checks, 8 px at this size and 68 grey levels from their mean, become a near-uniform grey.
        assertThat(deviation(checks)).isLessThan(4);
    }

    @Test
    void whatIsNotAnImageHasNoSnapshot() throws Exception {
        assertThat(RoomSnapshots.of(new byte[] {1, 2, 3}, 320)).isEmpty();
        assertThat(RoomSnapshots.of(frame(), 0)).isEmpty();
    }
}
