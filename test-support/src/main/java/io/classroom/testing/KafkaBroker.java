package io.classroom.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The local Kafka broker, stopped and resumed for outage tests: {@code SIGSTOP} freezes the process, so every client
 * sees a broker that answers nothing (as when it is down) until {@code SIGCONT}. Works for a broker the stack
 * started and for one it reused, as long as the tests run as the broker's user (root here).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private final long pid;
    private final Thread safetyNet;

    private KafkaBroker(long pid) {
        this.pid = pid;
        // Whatever happens to the test, the broker must not stay frozen for the tests after it.
        this.safetyNet = new Thread(() -> signal("CONT", pid));
        Runtime.getRuntime().addShutdownHook(safetyNet);
    }

    /** Freezes the broker of {@code kafka.bootstrap.servers}; closing the result resumes it. */
    public static KafkaBroker stop() {
        var bootstrap = ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class)
                .split(",")[0];
        var broker =
                new KafkaBroker(listenerPid(URI.create("kafka://" + bootstrap).getPort()));
        signal("STOP", broker.pid);
        return broker;
    }

    @Override
    public void close() {
        signal("CONT", pid);
        Runtime.getRuntime().removeShutdownHook(safetyNet);
    }

    private static long listenerPid(int port) {
        var out = run("ss", "-ltnpH", "sport = :" + port);
        var matcher = PID.matcher(out);
        if (!matcher.find()) {
            throw new IllegalStateException("no process listens on port " + port + ": " + out);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static void signal(String signal, long pid) {
        run("kill", "-" + signal, Long.toString(pid));
    }

    private static String run(String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
