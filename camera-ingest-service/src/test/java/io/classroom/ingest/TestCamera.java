package io.classroom.ingest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A test-owned RTSP camera (deploy/local/rtsp/camera.py) on its own port, so tests can stop and restart it
 * without disturbing the shared camera on 8554. Serves /classroom and /secure (user u, password p).
 */
public final class TestCamera implements AutoCloseable {

    public static final String SHARED_URL = "rtsp://127.0.0.1:8554/classroom";

    private static final Path SCRIPT = Path.of("../deploy/local/rtsp/camera.py");

    private final int port;
    private Process process;

    private TestCamera(int port) {
        this.port = port;
    }

    /** Whether the script and the demo video exist on this machine. */
    public static boolean available() {
        return Files.isRegularFile(SCRIPT)
                && Files.isRegularFile(video())
                && Files.isExecutable(Path.of("/usr/bin/python3"));
    }

    public static TestCamera start() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var camera = new TestCamera(port);
        camera.restart();
        return camera;
    }

    private static Path video() {
        return Path.of(System.getProperty("assets.dir", "../.local/assets"), "media/classroom/demo.mp4");
    }

    public String url(String path) {
        return "rtsp://127.0.0.1:" + port + path;
    }

    public void restart() throws IOException {
        Files.createDirectories(Path.of("target/test-camera"));
        process = new ProcessBuilder(
                        "/usr/bin/python3",
                        SCRIPT.toString(),
                        "--video",
                        video().toString(),
                        "--cache-dir",
                        "target/test-camera",
                        "--port",
                        Integer.toString(port),
                        "--user",
                        "u",
                        "--password",
                        "p")
                .redirectErrorStream(true)
                .redirectOutput(
                        Path.of("target/test-camera/camera-" + port + ".log").toFile())
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(this::listening);
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    private boolean listening() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("test camera exited, see target/test-camera/camera-" + port + ".log");
        }
        try (var socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
