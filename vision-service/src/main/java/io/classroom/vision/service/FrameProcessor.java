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
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Frames from the ingest topic, scheduled by a {@link FrameDispatcher}: a backlog of a source is thinned to
 * one frame per {@code vision.frames.backlog-keep-every} (the others dropped, counted and acknowledged), each source
 * has at most one frame on
 * the model workers, and a frame is acknowledged once its {@code FrameAnalyzed} is acknowledged by Kafka. A frame
 * that cannot be analysed (invalid image) is counted and acknowledged: retrying would fail the same way. A failed
 * calibration lookup or publication nacks the frame.
 */
@ApplicationScoped
public class FrameProcessor {

    private final AnalyzerPool pool;
    private final GalleryService gallery;
    private final CalibrationService calibrations;
    private final SessionRosters rosters;
    private final MutinyEmitter<Record<String, String>> observations;
    private final ObjectMapper json;
    private final FrameDispatcher<Frame, FaceTracker> dispatcher;
    private final Counter failed;
    private final Timer processing;

    /** A frame waiting for a worker. */
    public record Frame(FrameHeaders headers, byte[] jpeg) {}

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
        var tracking = config.tracking();
        var dropped = Counter.builder("vision.frames.dropped")
                .description("frames of a backlog thinned out before a worker took them")
                .register(metrics);
        this.dispatcher = new FrameDispatcher<>(
                config.frames().maxSources(),
                config.frames().maxWaiting(),
                config.frames().backlogKeepEvery().toMillis(),
                frame -> frame.headers().capturedAt().toEpochMilli(),
                key -> new FaceTracker(
                        key.substring(key.indexOf('\u0000') + 1),
                        tracking.minIou(),
                        tracking.reembedMillis(),
                        tracking.maxGapMillis(),
                        tracking.window()),
                this::process,
                dropped::increment);
        this.failed = Counter.builder("vision.frames.failed")
                .description("frames that could not be analysed (invalid image)")
                .register(metrics);
        this.processing = Timer.builder("vision.frames.processing").register(metrics);
    }

    /** Accepts a frame; returns at once, {@code message} is acknowledged once the frame is published or dropped. */
    public void offer(Frame frame, Message<?> message) {
        dispatcher.offer(frame.headers().tenantId() + '\u0000' + frame.headers().sourceId(), frame, message);
    }

    private Uni<Void> process(FaceTracker tracker, Frame frame) {
        var h = frame.headers();
        var roster = rosters.roster(h.tenantId(), h.sessionId());
        long now = h.capturedAt().toEpochMilli();
        long started = System.nanoTime();
        return calibrations
                .effective(h.tenantId(), h.sourceId())
                .chain(calibration -> pool.submit(analyzer -> {
                            var mat = pool.decoder().decode(frame.jpeg());
                            try {
                                var faces = analyzer.analyse(mat, calibration, f -> tracker.needsEmbedding(f, now));
                                var tracked = tracker.update(
                                        faces, vector -> gallery.identify(h.tenantId(), vector, roster), now);
                                return FrameAnalyzed.of(h, mat.cols(), mat.rows(), tracked);
                            } finally {
                                mat.release();
                            }
                        })
                        // Saturated workers: wait rather than lose the frame (a newer one still supersedes it).
                        .onFailure(RejectedExecutionException.class)
                        .retry()
                        .withBackOff(Duration.ofMillis(20), Duration.ofSeconds(1))
                        .indefinitely()
                        // A frame the models cannot analyse would fail again: counted and acked.
                        // A calibration lookup or publication failure propagates and nacks the frame.
                        .onFailure()
                        .recoverWithItem(failure -> {
                            failed.increment();
                            Log.debugf("vision: frame %s not analysed: %s", h.frameId(), failure.getMessage());
                            return null;
                        }))
                .chain(event -> event == null
                        ? Uni.createFrom().voidItem()
                        : observations
                                .send(Record.of(h.sourceId(), toJson(event)))
                                .invoke(() -> processing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS)));
    }

    private String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
