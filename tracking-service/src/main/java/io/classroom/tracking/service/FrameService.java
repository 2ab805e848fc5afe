package io.classroom.tracking.service;

import io.classroom.tracking.AttendanceEngine;
import io.classroom.tracking.AttendanceStatus;
import io.classroom.tracking.FaceSighting;
import io.classroom.tracking.LiveStudent;
import io.classroom.tracking.TimelineSample;
import io.classroom.tracking.messaging.FrameAnalyzed;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Applies analysed frames to class sessions (attendance) or personal sessions (focus timeline). */
@ApplicationScoped
public class FrameService {

    private final LiveStateStore store;
    private final LiveFeed feed;
    private final AttendanceEngine engine;
    private final MeterRegistry metrics;

    public FrameService(LiveStateStore store, LiveFeed feed, AttendanceService attendance, MeterRegistry metrics) {
        this.store = store;
        this.feed = feed;
        this.engine = attendance.engine();
        this.metrics = metrics;
    }

    /** Applies a frame; {@code traceparent} (W3C, may be null) is the frame's trace, carried to the live feed. */
    public Uni<Void> process(FrameAnalyzed frame, String traceparent) {
        if (frame.sessionId() == null) {
            return ignored("no-session");
        }
        String sessionId = frame.sessionId().toString();
        List<FaceSighting> faces = frame.faces().stream()
                .map(face -> new FaceSighting(
                        face.identity() == null
                                ? null
                                : face.identity().userId().toString(),
                        Boolean.TRUE.equals(face.attentive())))
                .toList();
        long capturedAt = frame.capturedAt().toEpochMilli();
        return store.applyFrame(engine, sessionId, frame.frameId(), capturedAt, faces)
                .chain(result -> switch (result.outcome()) {
                    case APPLIED -> {
                        metrics.counter("tracking.frames.processed").increment();
                        metrics.counter("tracking.faces.observed").increment(faces.size());
                        List<LiveStudent> changed = new ArrayList<>();
                        result.changed()
                                .forEach((userId, student) ->
                                        changed.add(engine.live(result.session(), userId, student)));
                        yield feed.publish(sessionId, changed, traceparent);
                    }
                    case DUPLICATE -> duplicate();
                    case UNKNOWN_SESSION -> personal(frame, capturedAt, traceparent);
                });
    }

    private Uni<Void> personal(FrameAnalyzed frame, long capturedAt, String traceparent) {
        String sessionId = frame.sessionId().toString();
        String owner = frame.userId() == null ? null : frame.userId().toString();
        FrameAnalyzed.Face face = ownerFace(frame);
        var sample = face == null
                ? new TimelineSample(capturedAt, false, null, null, null, false)
                : new TimelineSample(
                        capturedAt,
                        true,
                        face.yawDeg(),
                        face.pitchDeg(),
                        face.gaze() == null ? null : face.gaze().horizontalRatio(),
                        Boolean.TRUE.equals(face.attentive()));
        return store.appendSample(sessionId, frame.frameId(), owner, sample).chain(outcome -> switch (outcome) {
            case APPLIED -> {
                metrics.counter("tracking.frames.processed").increment();
                yield feed.publish(
                        sessionId,
                        List.of(new LiveStudent(
                                owner,
                                sample.face(),
                                sample.attentive(),
                                0,
                                AttendanceStatus.PENDING,
                                frame.capturedAt())),
                        traceparent);
            }
            case DUPLICATE -> duplicate();
            case UNKNOWN_SESSION -> ignored("unknown-session");
        });
    }

    /** The webcam owner's face: the one recognised as the owner, else the first (a webcam shows its owner). */
    private static FrameAnalyzed.Face ownerFace(FrameAnalyzed frame) {
        for (FrameAnalyzed.Face face : frame.faces()) {
            if (face.identity() != null
                    && frame.userId() != null
                    && frame.userId().equals(face.identity().userId())) {
                return face;
            }
        }
        return frame.faces().isEmpty() ? null : frame.faces().get(0);
    }

    private Uni<Void> duplicate() {
        metrics.counter("tracking.frames.duplicate").increment();
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> ignored(String reason) {
        metrics.counter("tracking.frames.ignored", "reason", reason).increment();
        return Uni.createFrom().voidItem();
    }
}
