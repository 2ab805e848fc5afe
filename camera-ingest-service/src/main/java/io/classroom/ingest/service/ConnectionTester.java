package io.classroom.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.Credentials;
import io.classroom.ingest.ProbeResult;
import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.stream.ChildProcesses;
import io.classroom.ingest.stream.FailureReason;
import io.classroom.ingest.stream.FfmpegCommands;
import io.classroom.ingest.stream.FfmpegErrors;
import io.classroom.ingest.stream.RtspUrls;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Probes an RTSP URL with ffprobe under a timeout. Blocking: call from a worker thread. */
@ApplicationScoped
public class ConnectionTester {

    private final IngestConfig config;
    private final ObjectMapper mapper;
    // A few probes at a time: each is a child process.
    private final Semaphore permits = new Semaphore(2);

    public ConnectionTester(IngestConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    public ProbeResult probe(String cleanUrl, Credentials credentials) {
        var timeout = config.stream().probeTimeout();
        try {
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return ProbeResult.failure(cleanUrl, FailureReason.TIMEOUT, "too many connection tests running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failure(cleanUrl, FailureReason.TIMEOUT, "interrupted");
        }
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("probe", ".json");
            err = Files.createTempFile("probe", ".err");
            var url = RtspUrls.withCredentials(cleanUrl, credentials);
            process = new ProcessBuilder(FfmpegCommands.probe(config.stream().ffprobePath(), url, timeout))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                return ProbeResult.failure(
                        cleanUrl, FailureReason.TIMEOUT, "no answer within " + timeout.toSeconds() + " s");
            }
            List<String> stderr = Files.readAllLines(err);
            if (process.exitValue() != 0) {
                return ProbeResult.failure(cleanUrl, FfmpegErrors.classify(stderr), FfmpegErrors.lastError(stderr));
            }
            var streams = mapper.readTree(out.toFile()).path("streams");
            if (!streams.isArray() || streams.isEmpty()) {
                return ProbeResult.failure(cleanUrl, FailureReason.NOT_A_VIDEO_STREAM, "no video stream found");
            }
            var video = streams.get(0);
            return ProbeResult.success(
                    cleanUrl,
                    video.path("codec_name").asText(null),
                    intOrNull(video.path("width")),
                    intOrNull(video.path("height")),
                    rate(video.path("avg_frame_rate")
                            .asText(video.path("r_frame_rate").asText(null))));
        } catch (IOException e) {
            return ProbeResult.failure(cleanUrl, FailureReason.PROCESS_ERROR, "cannot run ffprobe: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failure(cleanUrl, FailureReason.TIMEOUT, "interrupted");
        } finally {
            ChildProcesses.destroy(process);
            delete(out);
            delete(err);
            permits.release();
        }
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
