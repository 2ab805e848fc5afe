package io.classroom.vision.service;

import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.pipeline.FaceAnalyzer;
import io.classroom.vision.pipeline.GazeThresholds;
import io.classroom.vision.pipeline.ImageDecoder;
import io.classroom.vision.pipeline.ModelFile;
import io.classroom.vision.pipeline.OpenCv;
import io.classroom.vision.pipeline.PipelineSettings;
import io.classroom.vision.pipeline.QualityGate;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The bounded pool of model workers: a fixed number of threads, each owning one complete model set (none of the
 * models is thread-safe), and a bounded queue; when it is full new work is refused rather than buffered. The
 * model files are verified against their pinned hashes at start-up, and a missing or corrupt one stops it.
 */
@Startup
@ApplicationScoped
public class AnalyzerPool {

    private final PipelineSettings settings;
    private final ImageDecoder decoder;
    private final ImageDecoder streamDecoder;
    private final ThreadPoolExecutor executor;
    private final ThreadLocal<FaceAnalyzer> analyzers;
    private final List<FaceAnalyzer> created = new CopyOnWriteArrayList<>();
    private final int workers;

    public AnalyzerPool(VisionConfig config, MeterRegistry metrics) {
        var modelsDir = Path.of(config.modelsDir());
        ModelFile.verifyAll(modelsDir);
        OpenCv.load();
        this.settings = new PipelineSettings(
                modelsDir,
                config.detection().scoreThreshold(),
                config.detection().maxSide(),
                new QualityGate(
                        config.quality().minFaceWidthPx(),
                        config.quality().minSharpness(),
                        config.quality().maxYawDeg(),
                        config.quality().maxPitchDeg()),
                new GazeThresholds(
                        config.gaze().minEyeWidthPx(),
                        config.gaze().minReliableEyeWidthPx(),
                        config.gaze().minContrast(),
                        config.gaze().sideThreshold(),
                        config.gaze().verticalThreshold()));
        this.decoder =
                new ImageDecoder(config.images().maxPixels(), config.images().maxSide());
        this.streamDecoder = new ImageDecoder(
                config.images().streamMaxPixels(), config.images().streamMaxSide());
        this.workers = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        var counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                workers, workers, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.queueCapacity()), r -> {
                    var t = new Thread(r, "vision-worker-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.analyzers = ThreadLocal.withInitial(() -> {
            var analyzer = new FaceAnalyzer(settings);
            created.add(analyzer);
            return analyzer;
        });
        // Load one model set now so a model that ONNX Runtime cannot read fails the start-up, not the first request.
        try {
            executor.submit(analyzers::get).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the vision models from " + modelsDir.toAbsolutePath(), e);
        }
        metrics.gauge("vision.workers.queue", executor.getQueue(), java.util.Collection::size);
        Log.infof("vision: %d model workers, models verified in %s", workers, modelsDir.toAbsolutePath());
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    /** The decoder of live WebSocket frames, with the frame limit (1920x1080) instead of the upload limit. */
    public ImageDecoder streamDecoder() {
        return streamDecoder;
    }

    public int workers() {
        return workers;
    }

    /**
     * Runs a job on a worker with that worker's model set.
     *
     * @return a Uni failing with {@link RejectedExecutionException} when the queue is full
     */
    public <T> Uni<T> submit(Function<FaceAnalyzer, T> job) {
        return Uni.createFrom().deferred(() -> {
            try {
                return Uni.createFrom()
                        .completionStage(CompletableFuture.supplyAsync(() -> job.apply(analyzers.get()), executor));
            } catch (RejectedExecutionException e) {
                return Uni.createFrom().failure(e);
            }
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        // Native sessions are freed only once no worker can still be using them.
        if (executor.awaitTermination(5, TimeUnit.SECONDS)) {
            created.forEach(FaceAnalyzer::close);
        }
    }
}
