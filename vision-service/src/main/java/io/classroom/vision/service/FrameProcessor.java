package io.classroom.vision.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.messaging.FrameAnalyzed;
import io.classroom.vision.messaging.FrameHeaders;
import io.classroom.vision.tracking.FaceTracker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Frames from the ingest topic: one slot per source holds only the newest unprocessed frame (an older one still
 * waiting is dropped and counted), and each source has at most one frame on the model workers at a time, so
 * memory stays bounded by the number of sources whatever the arrival rate. Every processed frame yields one
 * {@code FrameAnalyzed}.
 */
@ApplicationScoped
public class FrameProcessor {

    private final AnalyzerPool pool;
    private final GalleryService gallery;
    private final CalibrationService calibrations;
    private final SessionRosters rosters;
    private final MutinyEmitter<Record<String, String>> observations;
    private final ObjectMapper json;
    private final VisionConfig.Tracking tracking;
    private final int maxSources;
    private final Map<String, SourceState> sources = new ConcurrentHashMap<>();
    private final Counter dropped;
    private final Counter failed;
    private final Timer processing;

    /** A frame waiting for a worker. */
    public record Frame(FrameHeaders headers, byte[] jpeg) {}

    private final class SourceState {
        final AtomicReference<Frame> pending = new AtomicReference<>();
        final AtomicBoolean running = new AtomicBoolean();
        final FaceTracker tracker;

        SourceState(String sourceId) {
            tracker = new FaceTracker(
                    sourceId, tracking.minIou(), tracking.reembedMillis(), tracking.maxGapMillis(), tracking.window());
        }
    }

    public FrameProcessor(
            AnalyzerPool pool,
            GalleryService gallery,
            CalibrationService calibrations,
            SessionRosters rosters,
            @Channel("observations-out") MutinyEmitter<Record<String, String>> observations,
            ObjectMapper json,
            VisionConfig config,
            MeterRegistry metrics) {
        this.pool = pool;
        this.gallery = gallery;
        this.calibrations = calibrations;
        this.rosters = rosters;
        this.observations = observations;
        this.json = json;
        this.tracking = config.tracking();
        this.maxSources = config.frames().maxSources();
        this.dropped = Counter.builder("vision.frames.dropped")
                .description("frames replaced by a newer frame of the same source before a worker took them")
                .register(metrics);
        this.failed = Counter.builder("vision.frames.failed")
                .description("frames that could not be analysed (invalid image, workers saturated)")
                .register(metrics);
        this.processing = Timer.builder("vision.frames.processing").register(metrics);
    }

    /** Accepts a frame; returns at once (the analysis runs on the model workers). */
    public void offer(Frame frame) {
        var sourceKey = frame.headers().tenantId() + '\u0000' + frame.headers().sourceId();
        var state = sources.get(sourceKey);
        if (state == null) {
            if (sources.size() >= maxSources) {
                dropped.increment();
                Log.warnf(
                        "vision: more than %d sources, frame of %s dropped",
                        maxSources, frame.headers().sourceId());
                return;
            }
            state = sources.computeIfAbsent(
                    sourceKey, k -> new SourceState(frame.headers().sourceId()));
        }
        if (state.pending.getAndSet(frame) != null) {
            dropped.increment();
        }
        drain(state);
    }

    private void drain(SourceState state) {
        if (state.pending.get() == null || !state.running.compareAndSet(false, true)) {
            return;
        }
        var frame = state.pending.getAndSet(null);
        if (frame == null) {
            state.running.set(false);
            drain(state);
            return;
        }
        var started = System.nanoTime();
        process(state, frame)
                .subscribe()
                .with(
                        ignored -> {
                            processing.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                            state.running.set(false);
                            drain(state);
                        },
                        failure -> {
                            failed.increment();
                            Log.debugf(
                                    "vision: frame %s not analysed: %s",
                                    frame.headers().frameId(), failure.getMessage());
                            state.running.set(false);
                            drain(state);
                        });
    }

    private Uni<Void> process(SourceState state, Frame frame) {
        var h = frame.headers();
        var roster = rosters.roster(h.tenantId(), h.sessionId());
        long now = h.capturedAt().toEpochMilli();
        return calibrations
                .effective(h.tenantId(), h.sourceId())
                .chain(calibration -> pool.submit(analyzer -> {
                    var mat = pool.decoder().decode(frame.jpeg());
                    try {
                        var faces = analyzer.analyse(mat, calibration, f -> state.tracker.needsEmbedding(f, now));
                        var tracked = state.tracker.update(
                                faces, vector -> gallery.identify(h.tenantId(), vector, roster), now);
                        return FrameAnalyzed.of(h, mat.cols(), mat.rows(), tracked);
                    } finally {
                        mat.release();
                    }
                }))
                .chain(event -> observations.send(Record.of(h.sourceId(), toJson(event))));
    }

    private String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
