package io.classroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.ingest.stream.ImageInfo;
import io.quarkiverse.resteasy.problem.HttpProblem;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A frame larger than may be published is re-encoded to fit, keeping its size in pixels; one that cannot, 413. */
class WebcamFrameEncodingTest {

    /** ingest.webcam.max-published-bytes */
    private static final int BUDGET = 921_600;

    @Test
    void aDetailedFullHdFrameIsReEncodedWithinTheBudget() {
        var noise = noise(1920, 1080);

        var jpeg = WebcamFrameService.encodeWithin(noise, BUDGET);

        assertThat(jpeg.length).isLessThanOrEqualTo(BUDGET);
        var info = ImageInfo.read(jpeg);
        assertThat(info.contentType()).isEqualTo(ImageInfo.JPEG);
        assertThat(info.width()).isEqualTo(1920);
        assertThat(info.height()).isEqualTo(1080);
    }

    @Test
    void aFrameThatCannotFitIsRefused() {
        assertThatThrownBy(() -> WebcamFrameService.encodeWithin(noise(640, 360), 1_000))
                .isInstanceOfSatisfying(
                        HttpProblem.class,
                        problem -> assertThat(problem.getStatusCode()).isEqualTo(413));
    }

    /** Random pixels: the worst case for JPEG (1.6 MB at quality 0.85 for 1920x1080, fits at 0.55). */
    private static BufferedImage noise(int width, int height) {
        var random = new Random(42);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
