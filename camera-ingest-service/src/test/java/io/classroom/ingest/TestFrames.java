package io.classroom.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real webcam-sized frames for tests: a frame of the demo video ({@code assets.dir}/media/classroom/demo.mp4,
 * 1280x720), scaled and encoded by ffmpeg into {@code target/test-frames}. Nothing binary is committed.
 */
public final class TestFrames {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    private TestFrames() {}

    /** Whether the demo video and ffmpeg exist on this machine. */
    public static boolean available() {
        return Files.isRegularFile(video()) && Files.isExecutable(FFMPEG);
    }

    /** A JPEG (ffmpeg's quality 2, as a browser's high-quality canvas) of {@code width x height}. */
    public static byte[] jpeg(int width, int height) {
        return frame(width, height, "jpg");
    }

    /** A PNG of {@code width x height}. */
    public static byte[] png(int width, int height) {
        return frame(width, height, "png");
    }

    private static synchronized byte[] frame(int width, int height, String format) {
        var file = Path.of("target/test-frames", width + "x" + height + "." + format);
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(file.getParent());
                var process = new ProcessBuilder(
                                FFMPEG.toString(),
                                "-v",
                                "error",
                                "-y",
                                "-ss",
                                "5",
                                "-i",
                                video().toString(),
                                "-frames:v",
                                "1",
                                "-vf",
                                "scale=" + width + ":" + height,
                                "-q:v",
                                "2",
                                file.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("ffmpeg could not extract a " + width + "x" + height + " frame");
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path video() {
        return Path.of(System.getProperty("assets.dir", "../.local/assets"), "media/classroom/demo.mp4");
    }
}
