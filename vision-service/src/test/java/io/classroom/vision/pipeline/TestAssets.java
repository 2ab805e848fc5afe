package io.classroom.vision.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** The fetched models and face photos ({@code assets.dir}, set by surefire to {@code <repo>/.local/assets}). */
public final class TestAssets {

    private static FaceAnalyzer analyzer;

    private TestAssets() {}

    public static Path dir() {
        return Path.of(System.getProperty("assets.dir", "../.local/assets"));
    }

    public static Path models() {
        return dir().resolve("models");
    }

    public static Path faces() {
        return dir().resolve("media/faces");
    }

    /** One analyzer per JVM: loading the models costs about a second. */
    public static synchronized FaceAnalyzer analyzer() {
        if (analyzer == null) {
            ModelFile.verifyAll(models());
            analyzer = new FaceAnalyzer(PipelineSettings.defaults(models()));
        }
        return analyzer;
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> images(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().matches(".*\\.(jpe?g|png)$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid grey PNG of the given size; all-zero rows deflate to almost nothing. */
    public static byte[] hugePng(int width, int height) {
        try {
            var raw = new ByteArrayOutputStream();
            try (var deflate = new DeflaterOutputStream(raw, new Deflater(9))) {
                var row = new byte[width + 1];
                for (int y = 0; y < height; y++) {
                    deflate.write(row);
                }
            }
            var out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            var ihdr = new ByteArrayOutputStream();
            writeInt(ihdr, width);
            writeInt(ihdr, height);
            ihdr.write(new byte[] {8, 0, 0, 0, 0});
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", raw.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws java.io.IOException {
        writeInt(out, data.length);
        var typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
