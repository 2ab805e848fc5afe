package io.classroom.vision.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.facetrack.FaceTracker;
import io.classroom.vision.gallery.Recognition;
import io.classroom.vision.messaging.Frame;
import io.classroom.vision.messaging.FrameAnalyzed;
import io.classroom.vision.messaging.FrameHeaders;
import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.pipeline.FaceAnalysis;
import io.classroom.vision.pipeline.FaceAnalyzer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.opencv.core.Mat;

/**
 * Frames from the ingest topic, scheduled by a {@link FrameDispatcher}: a backlog of a source is thinned to one frame
 * per {@code vision.frames.backlog-keep-every} (the others dropped, counted and acknowledged), each source has at most
 * one frame on the model workers, and a frame is acknowledged once its {@code FrameAnalyzed} is acknowledged by Kafka.
 * A room camera's faces are recognised against the session's roster (tracked and smoothed), and their head poses teach
 * the camera its board direction while it has no stored calibration ({@link CalibrationService#learnFrom}); a webcam
 * frame (one with a {@code userId}) only verifies its owner ({@link #webcamObservation}).
 * A calibration lookup or a publication that fails is retried until the store or broker is back ({@link StoreRetry});
 * a frame the models cannot analyse (an invalid image) is counted and negatively acknowledged, for the dead-letter
 * topic: retrying would fail the same way. The observation continues the frame's trace: analysis runs on worker
 * threads, so the incoming record's trace context travels with the frame to the publication.
 */
@ApplicationScoped
public class FrameProcessor {

    private final AnalyzerPool pool;
    private final GalleryService gallery;
    private final CalibrationService calibrations;
    private final SessionRosters rosters;
    private final StoreRetry retry;
    private final MutinyEmitter<String> observations;
    private final ObjectMapper json;
    private final FrameDispatcher<Traced, FaceTracker> dispatcher;
    private final Counter failed;
    private final Counter measuredPoses;
    private final Counter lentPoses;
    private final Timer processing;

    /** A frame with the trace context of the record that brought it (null when tracing is off). */
    private record Traced(Frame frame, Context trace) {}

    public FrameProcessor(
            AnalyzerPool pool,
            GalleryService gallery,
            CalibrationService calibrations,
            SessionRosters rosters,
            StoreRetry retry,
            @Channel("vision-observations-out") MutinyEmitter<String> observations,
            ObjectMapper json,
            VisionConfig config,
            MeterRegistry metrics) {
        this.pool = pool;
        this.gallery = gallery;
        this.calibrations = calibrations;
        this.rosters = rosters;
        this.retry = retry;
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
                traced -> traced.frame().headers().capturedAt().toEpochMilli(),
                key -> new FaceTracker(
                        key.substring(key.indexOf('\u0000') + 1),
                        tracking.minIou(),
                        tracking.reembedMillis(),
                        tracking.stillPoseMillis(),
                        tracking.maxGapMillis(),
                        tracking.window(),
                        config.gaze().sideThreshold(),
                        tracking.gazeBaselineFrames(),
                        tracking.gazeVetoFrames()),
                this::process,
                dropped::increment);
        this.failed = Counter.builder("vision.frames.failed")
                .description("frames that could not be analysed (invalid image), sent to the dead-letter topic")
                .register(metrics);
        this.processing = Timer.builder("vision.frames.processing").register(metrics);
        this.measuredPoses = poses(metrics, "measured");
        this.lentPoses = poses(metrics, "lent");
    }

    private static Counter poses(MeterRegistry metrics, String source) {
        return Counter.builder("vision.faces.poses")
                .tag("source", source)
                .description("head poses of room-camera faces: measured, or lent by a still settled track")
                .register(metrics);
    }

    /** Accepts a frame; returns at once, {@code message} is acknowledged once the frame is published or dropped. */
    public void offer(Frame frame, Message<?> message) {
        var trace = TracingMetadata.fromMessage(message)
                .map(TracingMetadata::getCurrentContext)
                .orElse(null);
        var h = frame.headers();
        dispatcher.offer(h.tenantId() + '\u0000' + h.sourceId(), new Traced(frame, trace), message);
    }

    private Uni<Void> process(FaceTracker tracker, Traced traced) {
        var h = traced.frame().headers();
        var roster = rosters.roster(h.tenantId(), h.sessionId());
        long now = h.capturedAt().toEpochMilli();
        long started = System.nanoTime();
        return retry.untilDone(
                        "calibration lookup of source " + h.sourceId(),
                        () -> calibrations.forFrames(h.tenantId(), h.sourceId(), h.userId() == null))
                .chain(calibration -> pool.submit(analyzer -> {
                            var mat = pool.decoder().decode(traced.frame().jpeg());
                            try {
                                if (h.userId() != null) {
                                    return webcamObservation(analyzer, mat, calibration, tracker, h, now);
                                }
                                var faces =
                                        analyzer.analyse(mat, calibration, f -> tracker.needsEmbedding(f, now), f -> {
                                            var lent = tracker.stillPose(f, now);
                                            (lent == null ? measuredPoses : lentPoses).increment();
                                            return lent;
                                        });
                                calibrations.learnFrom(
                                        h.tenantId(),
                                        h.sourceId(),
                                        now,
                                        faces.stream().map(FaceAnalysis::pose).toList());
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
                        .onFailure()
                        .transform(failure -> {
                            failed.increment();
                            var cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause()
                                    : failure;
                            return new IllegalArgumentException(
                                    "frame " + h.frameId() + " could not be analysed: " + cause.getMessage(), cause);
                        }))
                .chain(event -> retry.untilDone(
                                "publication of the observation of frame " + h.frameId(),
                                () -> publish(event, traced.trace()))
                        .invoke(() -> processing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS)));
    }

    /**
     * A webcam frame counts for its owner only: the largest face is verified 1:1 against the owner's own enrolment on
     * every frame (never smoothed over a track, so someone taking the owner's seat is not carried as the owner), and
     * only that face, when verified, carries an identity. Every other face is reported without one and counted in
     * {@code othersInFrame}; nobody else's gallery entry is ever searched.
     */
    private FrameAnalyzed webcamObservation(
            FaceAnalyzer analyzer, Mat mat, Calibration calibration, FaceTracker tracker, FrameHeaders h, long now) {
        var faces = analyzer.analyse(mat, calibration, f -> false);
        int largest = FaceAnalyzer.largest(faces);
        Recognition.Identity owner = null;
        if (largest >= 0 && faces.get(largest).quality().usable()) {
            var vector = analyzer.embed(mat, faces.get(largest).face());
            owner = gallery.verifyOwner(h.tenantId(), h.userId(), vector);
        }
        var tracked = tracker.update(faces, vector -> null, now);
        return FrameAnalyzed.ofWebcam(
                h, mat.cols(), mat.rows(), WebcamOwner.credit(tracked, largest, owner), owner != null);
    }

    /** Sends one observation keyed by its source, as a child of the frame's trace; completes once Kafka acked it. */
    private Uni<Void> publish(FrameAnalyzed event, Context trace) {
        var message = Message.of(toJson(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.sourceId())
                        .build())
                .addMetadata(TracingMetadata.withCurrent(trace));
        return observations.sendMessage(message);
    }

    private String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
