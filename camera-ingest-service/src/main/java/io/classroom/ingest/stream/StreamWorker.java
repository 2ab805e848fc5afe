package io.classroom.ingest.stream;

import io.classroom.ingest.CameraStatus;
import io.classroom.ingest.Frame;
import io.classroom.ingest.config.IngestConfig;
import io.quarkus.logging.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Streams one camera: connects through a {@link RtspRelay} (host checked against the allow-list on every attempt),
 * runs ffmpeg on the relay as a child process on a dedicated thread, splits its JPEG output and publishes the frames;
 * reconnects with exponential backoff and jitter. Never touches the event loop. What ffmpeg says goes to the log
 * only; the status carries the coarse reason.
 */
public final class StreamWorker {

    private static final Pattern INPUT_FPS = Pattern.compile("Video: .*?, (\\d+(?:\\.\\d+)?) fps");
    private static final int STDERR_LINES = 40;

    private final StreamSpec spec;
    private final CameraConnector connector;
    private final String owner;
    private final IngestConfig.Stream config;
    private final FrameSink sink;
    private final Consumer<StreamWorker> onChange;
    private final Thread thread;
    private final RateMeter outputRate = new RateMeter(TimeUnit.SECONDS.toNanos(10));
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ArrayDeque<String> stderr = new ArrayDeque<>();

    private volatile boolean stopped;
    private volatile Process process;
    private volatile RtspRelay relay;
    private volatile long processStartedNanos;
    private volatile long lastFrameNanos;
    private volatile boolean gotFrame;
    /** Whether any run of this worker delivered a frame: the URL, credentials and stream are known to be right. */
    private volatile boolean everStreamed;

    private volatile FailureReason killedFor;
    private volatile String killMessage;
    private volatile StreamState state = StreamState.STOPPED;
    private volatile FailureReason reason;
    private volatile String lastError;
    private volatile Instant lastFrameAt;
    private volatile Double inputFps;
    private long lastFrameMillis;

    public StreamWorker(
            StreamSpec spec,
            CameraConnector connector,
            String owner,
            IngestConfig.Stream config,
            FrameSink sink,
            Consumer<StreamWorker> onChange) {
        this.spec = spec;
        this.connector = connector;
        this.owner = owner;
        this.config = config;
        this.sink = sink;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "stream-" + spec.cameraId());
        this.thread.setDaemon(true);
    }

    public StreamSpec spec() {
        return spec;
    }

    public StreamState state() {
        return state;
    }

    public long published() {
        return published.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public double outputFps() {
        return outputRate.rate(System.nanoTime());
    }

    /** The ffmpeg process now running, if any (benchmarks read its CPU time). */
    public Process process() {
        return process;
    }

    public void start() {
        setState(StreamState.CONNECTING, null, null);
        thread.start();
    }

    /** Stops the stream and waits for its process to end. */
    public void stop() {
        stopped = true;
        closeRelay();
        ChildProcesses.destroy(process);
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean running() {
        return thread.isAlive();
    }

    /** Called every second: restarts a stream that connects too slowly or stopped delivering frames. */
    public void checkWatchdog(long nowNanos) {
        var current = process;
        if (current == null || !current.isAlive() || stopped) {
            return;
        }
        if (!gotFrame
                && nowNanos - processStartedNanos > config.connectTimeout().toNanos()) {
            kill(current, "no frame within " + config.connectTimeout().toSeconds() + " s of connecting");
        } else if (gotFrame
                && nowNanos - lastFrameNanos > config.noFrameTimeout().toNanos()) {
            kill(current, "no frame for " + config.noFrameTimeout().toSeconds() + " s (watchdog)");
        }
    }

    public CameraStatus status() {
        return new CameraStatus(
                spec.cameraId(),
                state,
                reason == null ? null : reason.coarse(),
                lastFrameAt,
                inputFps,
                Math.round(outputFps() * 100) / 100.0,
                published.get(),
                dropped.get(),
                reconnects.get(),
                spec.sessionId(),
                owner,
                true,
                Instant.now());
    }

    private void kill(Process current, String message) {
        killedFor = FailureReason.TIMEOUT;
        killMessage = message;
        Log.warnf("camera %s: %s, restarting ffmpeg", spec.cameraId(), message);
        ChildProcesses.destroy(current);
    }

    private void run() {
        int attempt = 0;
        try {
            while (!stopped) {
                var failure = runOnce();
                if (stopped) {
                    break;
                }
                attempt = gotFrame ? 1 : attempt + 1;
                // A camera that streamed before is retried whatever ffmpeg says: a connection cut mid-handshake
                // reads as "invalid data", a rebooting camera may answer 404 for a while.
                if (failure.permanent() && !everStreamed) {
                    Log.warnf("camera %s (%s) failed: %s %s", spec.cameraId(), spec.rtspUrl(), failure, lastError);
                    setState(StreamState.FAILED, failure, lastError);
                    return;
                }
                reconnects.incrementAndGet();
                long delay = backoffMillis(attempt);
                Log.infof(
                        "camera %s (%s): %s %s, reconnecting in %d ms",
                        spec.cameraId(), spec.rtspUrl(), failure, lastError, delay);
                setState(StreamState.RECONNECTING, failure, lastError);
                Thread.sleep(delay);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.errorf(
                    "camera %s: stream worker crashed: %s",
                    spec.cameraId(), e.getClass().getSimpleName());
            setState(
                    StreamState.FAILED,
                    FailureReason.PROCESS_ERROR,
                    e.getClass().getSimpleName());
            return;
        } finally {
            ChildProcesses.destroy(process);
            closeRelay();
        }
        setState(StreamState.STOPPED, null, null);
    }

    private FailureReason runOnce() {
        killedFor = null;
        gotFrame = false;
        synchronized (stderr) {
            stderr.clear();
        }
        RtspRelay current;
        try {
            current = connector.prepare(spec.rtspUrl(), spec.tlsVerify(), config.connectTimeout());
        } catch (NotAllowedException e) {
            lastError = e.getMessage();
            return FailureReason.NOT_ALLOWED;
        } catch (UnknownHostException | IllegalArgumentException e) {
            lastError = "cannot resolve the camera's host: " + e.getMessage();
            return FailureReason.UNREACHABLE;
        }
        relay = current;
        try {
            if (stopped) {
                return FailureReason.STREAM_ENDED;
            }
            current.connect();
        } catch (IOException e) {
            lastError = "cannot connect: " + e;
            closeRelay();
            return FailureReason.UNREACHABLE;
        }
        try {
            return runFfmpeg(current);
        } finally {
            closeRelay();
        }
    }

    /** One ffmpeg run on the relay; how it ended, from the relay's verdict, the watchdog or ffmpeg's messages. */
    private FailureReason runFfmpeg(RtspRelay through) {
        var input = RtspUrls.withCredentials(through.ffmpegUrl(), spec.credentials());
        Process current;
        try {
            current = new ProcessBuilder(
                            FfmpegCommands.stream(config.ffmpegPath(), spec, input, config.connectTimeout()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            lastError = "cannot start ffmpeg: " + e.getMessage();
            return FailureReason.PROCESS_ERROR;
        }
        processStartedNanos = System.nanoTime();
        process = current;
        if (stopped) {
            ChildProcesses.destroy(current);
            return FailureReason.STREAM_ENDED;
        }
        var stderrReader = new Thread(() -> drainStderr(current), "stream-stderr-" + spec.cameraId());
        stderrReader.setDaemon(true);
        stderrReader.start();
        var reader = new JpegFrameReader(current.getInputStream(), config.maxFrameBytes());
        try {
            reader.readAll(this::onFrame);
        } catch (IOException e) {
            // The pipe closes when the process is killed (stop or watchdog).
        } finally {
            dropped.addAndGet(reader.oversizeFrames());
            ChildProcesses.destroy(current);
            try {
                stderrReader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> lines;
        synchronized (stderr) {
            lines = new ArrayList<>(stderr);
        }
        lastError = FfmpegErrors.lastError(lines);
        var relayed = through.failure();
        if (relayed.filter(r -> r == FailureReason.NOT_ALLOWED).isPresent()) {
            lastError = "the camera redirected, refused";
            return FailureReason.NOT_ALLOWED;
        }
        if (killedFor != null) {
            lastError = killMessage;
            return killedFor;
        }
        return relayed.orElseGet(() -> FfmpegErrors.classify(lines));
    }

    /** The checked address the current relay connected to, for the log. */
    private Object connectedTo() {
        var current = relay;
        return current == null ? null : current.connectedTo();
    }

    private void closeRelay() {
        var current = relay;
        if (current != null) {
            current.close();
        }
    }

    private void drainStderr(Process current) {
        try (var in = new BufferedReader(new InputStreamReader(current.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                var fps = INPUT_FPS.matcher(line);
                if (fps.find() && inputFps == null) {
                    inputFps = Double.valueOf(fps.group(1));
                }
                synchronized (stderr) {
                    if (stderr.size() == STDERR_LINES) {
                        stderr.removeFirst();
                    }
                    stderr.addLast(line);
                }
            }
        } catch (IOException e) {
            // Process ended.
        }
    }

    private void onFrame(byte[] jpeg) {
        long now = System.nanoTime();
        lastFrameNanos = now;
        lastFrameAt = Instant.now();
        if (!gotFrame) {
            gotFrame = true;
            everStreamed = true;
            Log.infof("camera %s (%s via %s) streaming", spec.cameraId(), spec.rtspUrl(), connectedTo());
            setState(StreamState.STREAMING, null, null);
        }
        outputRate.mark(now);
        if (inFlight.get() >= config.maxInFlight()) {
            // Kafka is behind: a late frame is worth less than a fresh one, so drop instead of queueing.
            dropped.incrementAndGet();
            return;
        }
        var info = ImageInfo.read(jpeg);
        long millis = Math.max(lastFrameAt.toEpochMilli(), lastFrameMillis + 1);
        lastFrameMillis = millis;
        var sourceId = spec.cameraId().toString();
        var frame = new Frame(
                sourceId + ":" + millis,
                sourceId,
                spec.tenantId(),
                spec.sessionId() == null ? null : spec.sessionId().toString(),
                null,
                Instant.ofEpochMilli(millis),
                info == null ? spec.width() : info.width(),
                info == null ? spec.height() : info.height(),
                jpeg);
        inFlight.incrementAndGet();
        try {
            sink.publish(frame).whenComplete((ok, error) -> {
                inFlight.decrementAndGet();
                if (error == null) {
                    published.incrementAndGet();
                } else {
                    dropped.incrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    private long backoffMillis(int attempt) {
        long initial = config.backoffInitial().toMillis();
        long max = config.backoffMax().toMillis();
        long base = Math.min(max, initial << Math.min(attempt - 1, 20));
        // Jitter in [base/2, base] keeps many cameras of a crashed server from reconnecting in lock step.
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private void setState(StreamState next, FailureReason why, String error) {
        state = next;
        reason = why;
        if (error != null) {
            lastError = error;
        }
        onChange.accept(this);
    }
}
