package io.classroom.vision.service;

import io.classroom.vision.error.Problems;
import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.pipeline.DetectedFace;
import io.classroom.vision.pipeline.InvalidImageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/** Single-image use cases (REST and WebSocket): analyse, embed for enrolment, verify. */
@ApplicationScoped
public class VisionService {

    private final AnalyzerPool pool;
    private final GalleryService gallery;
    private final CalibrationService calibrations;
    private final SessionRosters rosters;

    public VisionService(
            AnalyzerPool pool, GalleryService gallery, CalibrationService calibrations, SessionRosters rosters) {
        this.pool = pool;
        this.gallery = gallery;
        this.calibrations = calibrations;
        this.rosters = rosters;
    }

    /**
     * Detects and describes every face; with {@code identify} the usable faces are embedded and matched against
     * the tenant's gallery (restricted to the session's roster when the session is known).
     */
    public Uni<FrameResult> analyse(String tenantId, byte[] image, String sourceId, UUID sessionId, boolean identify) {
        return calibrations
                .effective(tenantId, sourceId)
                .chain(calibration -> analyseWith(image, calibration, identify))
                .map(frame -> {
                    var roster = rosters.roster(tenantId, sessionId);
                    var faces = new ArrayList<AnalysedFace>(frame.faces().size());
                    for (var face : frame.faces()) {
                        var f = face.analysis();
                        var identity = f.embedding() == null ? null : gallery.identify(tenantId, f.embedding(), roster);
                        faces.add(new AnalysedFace(f, null, f.attentive(), identity));
                    }
                    return new FrameResult(frame.width(), frame.height(), faces);
                });
    }

    /** Analysis without gallery access (the WebSocket detection protocol). */
    public Uni<FrameResult> analyseWith(byte[] image, Calibration calibration, boolean embed) {
        return pool.<FrameResult>submit(analyzer -> {
                    var mat = pool.decoder().decode(image);
                    try {
                        var faces = analyzer.analyse(mat, calibration, f -> embed).stream()
                                .map(a -> new AnalysedFace(a, null, a.attentive(), null))
                                .toList();
                        return new FrameResult(mat.cols(), mat.rows(), faces);
                    } finally {
                        mat.release();
                    }
                })
                .onFailure()
                .transform(VisionService::translate);
    }

    /** The embedding of the only face of an enrolment photo; zero or several faces answer 422. */
    public Uni<float[]> embedSingleFace(byte[] image, String label) {
        return pool.submit(analyzer -> {
                    var mat = pool.decoder().decode(image);
                    try {
                        var faces = analyzer.detect(mat);
                        if (faces.size() != 1) {
                            throw Problems.unprocessableImage("%s shows %d faces; an enrolment photo needs exactly one"
                                    .formatted(label, faces.size()));
                        }
                        return analyzer.embed(mat, faces.get(0));
                    } finally {
                        mat.release();
                    }
                })
                .onFailure()
                .transform(VisionService::translate);
    }

    /** The embedding of the largest face of a photo; no face answers 422. */
    public Uni<float[]> embedLargestFace(byte[] image, String label) {
        return pool.submit(analyzer -> {
                    var mat = pool.decoder().decode(image);
                    try {
                        List<DetectedFace> faces = analyzer.detect(mat);
                        var largest = faces.stream()
                                .max(Comparator.comparingDouble(DetectedFace::width))
                                .orElseThrow(() -> Problems.unprocessableImage(label + " shows no face"));
                        return analyzer.embed(mat, largest);
                    } finally {
                        mat.release();
                    }
                })
                .onFailure()
                .transform(VisionService::translate);
    }

    /** Pipeline failures as problems: bad images are the client's fault, a full queue is back-pressure. */
    private static Throwable translate(Throwable failure) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof InvalidImageException invalid) {
            return invalid.tooLarge()
                    ? Problems.imageTooLarge(invalid.getMessage())
                    : Problems.invalidImage(invalid.getMessage());
        }
        if (cause instanceof RejectedExecutionException) {
            return Problems.overloaded();
        }
        return cause;
    }
}
