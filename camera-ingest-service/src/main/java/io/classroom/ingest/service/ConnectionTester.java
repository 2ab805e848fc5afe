package io.classroom.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.Credentials;
import io.classroom.ingest.ProbeResult;
import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.stream.CameraConnector;
import io.classroom.ingest.stream.ChildProcesses;
import io.classroom.ingest.stream.FailureReason;
import io.classroom.ingest.stream.FfmpegCommands;
import io.classroom.ingest.stream.FfmpegErrors;
import io.classroom.ingest.stream.NotAllowedException;
import io.classroom.ingest.stream.RtspRelay;
import io.classroom.ingest.stream.RtspUrls;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Probes a camera with ffprobe under a timeout, through the camera's {@link RtspRelay}: the host is resolved and
 * checked against the allow-list first ({@code NOT_ALLOWED} without any connection). The caller gets the stream's
 * properties or a coarse reason; what ffprobe said goes to the server log (credentials removed). Blocking: call from a
 * worker thread.
 */
@ApplicationScoped
public class ConnectionTester {

    private final IngestConfig config;
    private final CameraConnector connector;
    private final ObjectMapper mapper;
    // A few probes at a time: each is a child process.
    private final Semaphore permits = new Semaphore(2);

    public ConnectionTester(IngestConfig config, CameraConnector connector, ObjectMapper mapper) {
        this.config = config;
        this.connector = connector;
        this.mapper = mapper;
    }

    public ProbeResult probe(String cleanUrl, Credentials credentials, boolean tlsVerify) {
        boolean withCredentials = credentials != null;
        var timeout = config.stream().probeTimeout();
        try {
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return failed(cleanUrl, withCredentials, FailureReason.TIMEOUT, "too many connection tests running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(cleanUrl, withCredentials, FailureReason.TIMEOUT, "interrupted");
        }
        try (var relay = connector.prepare(cleanUrl, tlsVerify, timeout)) {
            relay.connect();
            return run(cleanUrl, credentials, relay);
        } catch (NotAllowedException e) {
            return failed(cleanUrl, withCredentials, FailureReason.NOT_ALLOWED, e.getMessage());
        } catch (IOException e) {
            return failed(cleanUrl, withCredentials, FailureReason.UNREACHABLE, "cannot connect: " + e);
        } finally {
            permits.release();
        }
    }

    private ProbeResult run(String cleanUrl, Credentials credentials, RtspRelay relay) {
        boolean withCredentials = credentials != null;
        var timeout = config.stream().probeTimeout();
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("probe", ".json");
            err = Files.createTempFile("probe", ".err");
            var url = RtspUrls.withCredentials(relay.ffmpegUrl(), credentials);
            process = new ProcessBuilder(FfmpegCommands.probe(config.stream().ffprobePath(), url, timeout))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                var reason = relay.failure().orElse(FailureReason.TIMEOUT);
                return failed(cleanUrl, withCredentials, reason, "no answer within " + timeout.toSeconds() + " s");
            }
            List<String> stderr = Files.readAllLines(err);
            if (process.exitValue() != 0) {
                var reason = relay.failure().orElseGet(() -> FfmpegErrors.classify(stderr));
                return failed(cleanUrl, withCredentials, reason, FfmpegErrors.lastError(stderr));
            }
            var streams = mapper.readTree(out.toFile()).path("streams");
            if (!streams.isArray() || streams.isEmpty()) {
                return failed(cleanUrl, withCredentials, FailureReason.NOT_A_VIDEO_STREAM, "no video stream found");
            }
            var video = streams.get(0);
            Log.infof("camera test %s (via %s): ok", cleanUrl, relay.connectedTo());
            return ProbeResult.success(
                    cleanUrl,
                    withCredentials,
                    video.path("codec_name").asText(null),
                    intOrNull(video.path("width")),
                    intOrNull(video.path("height")),
                    rate(video.path("avg_frame_rate")
                            .asText(video.path("r_frame_rate").asText(null))));
        } catch (IOException e) {
            return failed(cleanUrl, withCredentials, FailureReason.PROCESS_ERROR, "cannot run ffprobe: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(cleanUrl, withCredentials, FailureReason.TIMEOUT, "interrupted");
        } finally {
            ChildProcesses.destroy(process);
            delete(out);
            delete(err);
        }
    }

    /** The precise reason and what ffprobe said go to the log; the caller gets the coarse reason only. */
    private static ProbeResult failed(String cleanUrl, boolean withCredentials, FailureReason reason, String detail) {
        Log.infof("camera test %s failed: %s %s", cleanUrl, reason, detail);
        return ProbeResult.failure(cleanUrl, withCredentials, reason.coarse());
    }

    private static Integer intOrNull(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }

    private static Double rate(String fraction) {
        if (fraction == null || fraction.isBlank()) {
            return null;
        }
        var parts = fraction.split("/");
        try {
            double num = Double.parseDouble(parts[0]);
            double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return den == 0 || num == 0 ? null : Math.round(num / den * 100) / 100.0;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void delete(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // Temp file; the OS cleans it eventually.
            }
        }
    }
}
