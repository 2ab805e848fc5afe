package io.classroom.analytics.benchmark;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private mongo-java-server 1.47.0 (memory backend, server version 5.0) on a free port, started with the stack's own
 * launcher and jars, so the benchmark's million documents never load the shared server on 27017.
 */
public class PrivateMongoResource implements QuarkusTestResourceLifecycleManager {

    private Process server;

    @Override
    public Map<String, String> start() {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path libs = repo.resolve(".local/tools/mongo/libs");
        Path launcher = repo.resolve("deploy/local/tools/MongoServerMain.java");
        if (!Files.isDirectory(libs) || !Files.isRegularFile(launcher)) {
            throw new IllegalStateException("Run 'deploy/local/stack up mongo' first: " + libs + " is missing");
        }
        try {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            server = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx" + System.getProperty("bench.mongo.heap", "4g"),
                            "-cp",
                            libs + "/*",
                            launcher.toString(),
                            "--port",
                            String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(repo.resolve("analytics-service/target/benchmark-mongo.log")
                            .toFile())
                    .start();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> listening(port) || !server.isAlive());
            if (!server.isAlive()) {
                throw new IllegalStateException("The private mongo-java-server did not start");
            }
            return Map.of("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (var socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }
}
