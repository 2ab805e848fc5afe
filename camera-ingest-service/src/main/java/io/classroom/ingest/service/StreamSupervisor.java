package io.classroom.ingest.service;

import io.classroom.ingest.CameraStatus;
import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.stream.CameraConnector;
import io.classroom.ingest.stream.FrameSink;
import io.classroom.ingest.stream.StreamSpec;
import io.classroom.ingest.stream.StreamState;
import io.classroom.ingest.stream.StreamWorker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The stream workers of this replica: start/stop, watchdog, live status in Redis and per-camera metrics. */
@ApplicationScoped
public class StreamSupervisor {

    private final Map<UUID, StreamWorker> workers = new ConcurrentHashMap<>();
    private final Map<UUID, List<Meter>> meters = new ConcurrentHashMap<>();
    private final IngestConfig config;
    private final CameraConnector connector;
    private final FrameSink sink;
    private final CameraStatusStore statusStore;
    private final MeterRegistry registry;
    private final InstanceId instanceId;
    private final CameraSessionAnnouncer announcer;
    private final ScheduledExecutorService timer;

    public StreamSupervisor(
            IngestConfig config,
            CameraConnector connector,
            FrameSink sink,
            CameraStatusStore statusStore,
            MeterRegistry registry,
            InstanceId instanceId,
            CameraSessionAnnouncer announcer) {
        this.config = config;
        this.connector = connector;
        this.sink = sink;
        this.statusStore = statusStore;
        this.registry = registry;
        this.instanceId = instanceId;
        this.announcer = announcer;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts the camera's stream, or restarts it when its settings changed; a no-op when already running as asked. */
    public synchronized void ensure(StreamSpec spec) {
        var current = workers.get(spec.cameraId());
        if (current != null && current.spec().equals(spec)) {
            return;
        }
        if (current != null) {
            stop(spec.cameraId(), false);
        }
        var worker = new StreamWorker(
                spec, connector, instanceId.value(), config.stream(), announcer.around(spec, sink), this::report);
        workers.put(spec.cameraId(), worker);
        registerMeters(worker);
        worker.start();
    }

    /**
     * Stops the camera's stream. {@code reportStopped} is false when another replica may already stream it (lease
     * lost, restart), so this one must not overwrite its status.
     */
    public synchronized void stop(UUID cameraId, boolean reportStopped) {
        var worker = workers.remove(cameraId);
        if (worker == null) {
            return;
        }
        worker.stop();
        Optional.ofNullable(meters.remove(cameraId)).ifPresent(list -> list.forEach(registry::remove));
        if (reportStopped) {
            statusStore.write(CameraStatus.stopped(cameraId, false));
        }
    }

    public Set<UUID> cameraIds() {
        return Set.copyOf(workers.keySet());
    }

    public Optional<StreamWorker> worker(UUID cameraId) {
        return Optional.ofNullable(workers.get(cameraId));
    }

    /** Last resort: the scheduler stops streams and releases leases on shutdown before this runs. */
    @PreDestroy
    void stopAll() {
        timer.shutdownNow();
        for (var id : cameraIds()) {
            stop(id, true);
        }
    }

    /** A worker that was stopped or replaced no longer speaks for the camera (another replica may stream it). */
    private void report(StreamWorker worker) {
        if (workers.get(worker.spec().cameraId()) == worker) {
            statusStore.write(worker.status());
        }
    }

    private void watch() {
        long now = System.nanoTime();
        long second = TimeUnit.SECONDS.toNanos(1);
        for (var worker : workers.values()) {
            worker.checkWatchdog(now);
            // Refresh the live status (and its TTL) about every few seconds, not per frame.
            if (worker.state() != StreamState.STOPPED && (now / second) % 2 == 0) {
                statusStore.write(worker.status());
            }
        }
    }

    private void registerMeters(StreamWorker worker) {
        var tags = Tags.of(
                "camera",
                worker.spec().cameraId().toString(),
                "tenant",
                worker.spec().tenantId());
        meters.put(
                worker.spec().cameraId(),
                List.of(
                        Gauge.builder(
                                        "ingest.camera.streaming",
                                        worker,
                                        w -> w.state() == StreamState.STREAMING ? 1 : 0)
                                .description("1 while the camera delivers frames")
                                .tags(tags)
                                .register(registry),
                        Gauge.builder("ingest.camera.output.fps", worker, StreamWorker::outputFps)
                                .description("Measured rate of frames read from the camera")
                                .tags(tags)
                                .register(registry),
                        FunctionCounter.builder("ingest.camera.frames.published", worker, StreamWorker::published)
                                .description("Frames stored on ingest.frames.v1")
                                .tags(tags)
                                .register(registry),
                        FunctionCounter.builder("ingest.camera.frames.dropped", worker, StreamWorker::dropped)
                                .description("Frames dropped: oversize, Kafka backlog or send failures")
                                .tags(tags)
                                .register(registry),
                        FunctionCounter.builder("ingest.camera.reconnects", worker, StreamWorker::reconnects)
                                .description("Reconnects of the camera stream")
                                .tags(tags)
                                .register(registry)));
    }
}
