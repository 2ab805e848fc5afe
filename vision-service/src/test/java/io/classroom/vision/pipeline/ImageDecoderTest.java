package io.classroom.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(16_777_216, 8192);

    @Test
    void decodesJpegAndPng() {
        var jpeg = decoder.decode(TestAssets.read(TestAssets.faces().resolve("obama/enrol/obama.jpg")));
        assertThat(jpeg.channels()).isEqualTo(3);
        var png = decoder.decode(TestAssets.read(TestAssets.faces().resolve("unknown/t1_face0.png")));
        assertThat(png.cols()).isPositive();
    }

    @Test
    void refusesNonImagesEmptyAndTruncated() {
        assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(InvalidImageException.class);
        assertThatThrownBy(() -> decoder.decode("hello, not an image".getBytes()))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("not a JPEG or PNG");
        var jpeg = TestAssets.read(TestAssets.faces().resolve("obama/enrol/obama.jpg"));
        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2)))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("truncated");
        var png = TestAssets.read(TestAssets.faces().resolve("unknown/t1_face0.png"));
        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(png, png.length - 20)))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesADecompressionBombFromItsHeader() {
        var bomb = TestAssets.hugePng(20_000, 20_000);
        assertThat(bomb.length).isLessThan(2_000_000);
        assertThatThrownBy(() -> decoder.decode(bomb))
                .isInstanceOfSatisfying(
                        InvalidImageException.class,
                        e -> assertThat(e.tooLarge()).isTrue())
                .hasMessageContaining("20000x20000");
    }
}
