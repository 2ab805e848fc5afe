package io.classroom.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JpegFrameReaderTest {

    private static byte[] jpeg(int payload, byte fill) {
        var out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        for (int i = 0; i < payload; i++) {
            out.write(fill);
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    private static List<byte[]> read(byte[] stream, int max, JpegFrameReader[] holder) throws IOException {
        var frames = new ArrayList<byte[]>();
        var reader = new JpegFrameReader(new ByteArrayInputStream(stream), max);
        holder[0] = reader;
        reader.readAll(frames::add);
        return frames;
    }

    @Test
    void splitsConcatenatedFramesOnMarkers() throws IOException {
        var out = new ByteArrayOutputStream();
        out.writeBytes(jpeg(100_000, (byte) 1));
        out.writeBytes(jpeg(10, (byte) 2));
        out.writeBytes(jpeg(70_000, (byte) 3));
        var holder = new JpegFrameReader[1];
        var frames = read(out.toByteArray(), 1_000_000, holder);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).hasSize(100_004).startsWith((byte) 0xFF, (byte) 0xD8);
        assertThat(frames.get(1)).isEqualTo(jpeg(10, (byte) 2));
        assertThat(frames.get(2)).hasSize(70_004).endsWith((byte) 0xFF, (byte) 0xD9);
        assertThat(holder[0].oversizeFrames()).isZero();
    }

    @Test
    void dropsOversizeFramesAndResynchronises() throws IOException {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 1, 2}); // garbage before the first frame
        out.writeBytes(jpeg(5_000, (byte) 1));
        out.writeBytes(jpeg(100, (byte) 2));
        var holder = new JpegFrameReader[1];
        var frames = read(out.toByteArray(), 1_000, holder);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).isEqualTo(jpeg(100, (byte) 2));
        assertThat(holder[0].oversizeFrames()).isEqualTo(1);
    }

    @Test
    void readsDimensionsOfRealJpegAndRefusesGarbage() throws IOException {
        try (var in = getClass().getResourceAsStream("/events/ingest.frames.v1/Frame.jpg")) {
            var info = ImageInfo.read(in.readAllBytes());
            assertThat(info).isEqualTo(new ImageInfo("image/jpeg", 320, 240));
        }
        assertThat(ImageInfo.read("not an image at all, just text".getBytes())).isNull();
        assertThat(ImageInfo.read(new byte[] {(byte) 0xFF, (byte) 0xD8})).isNull();
    }
}
