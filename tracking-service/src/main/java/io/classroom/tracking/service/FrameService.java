package io.classroom.tracking.service;

import io.classroom.tracking.AttendanceEngine;
import io.classroom.tracking.AttendanceStatus;
import io.classroom.tracking.FaceSighting;
import io.classroom.tracking.LiveStudent;
import io.classroom.tracking.TimelineSample;
import io.classroom.tracking.WebcamSighting;
import io.classroom.tracking.messaging.FrameAnalyzed;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies analysed frames to class sessions (attendance) or personal sessions (focus timeline). A room camera's frame
 * credits every recognised roster member; a student's own webcam frame credits that student only, and only when it
 * verified as them (vision's {@code ownerVerified}); its other faces are never attributed and flag the student.
 */
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
        long capturedAt = frame.capturedAt().toEpochMilli();
        Uni<LiveStateStore.FrameResult> applied = frame.isWebcam()
                ? store.applyWebcamFrame(engine, sessionId, frame.frameId(), capturedAt, webcamSighting(frame))
                : store.applyFrame(engine, sessionId, frame.frameId(), capturedAt, roomSightings(frame));
        return applied.chain(result -> switch (result.outcome()) {
            case APPLIED -> {
                metrics.counter("tracking.frames.processed").increment();
                metrics.counter("tracking.faces.observed")
                        .increment(frame.faces().size());
                List<LiveStudent> changed = new ArrayList<>();
                result.changed()
                        .forEach((userId, student) -> changed.add(engine.live(result.session(), userId, student)));
                yield feed.publish(sessionId, changed, null, traceparent);
            }
            case DUPLICATE -> duplicate();
            case NOT_APPLICABLE, PAUSED -> ignored("not-applicable");
            case UNKNOWN_SESSION -> frame.isWebcam() ? personal(frame, capturedAt, traceparent) : unknown();
        });
    }

    private static List<FaceSighting> roomSightings(FrameAnalyzed frame) {
        return frame.faces().stream()
                .map(face -> new FaceSighting(
                        face.identity() == null
                                ? null
                                : face.identity().userId().toString(),
                        Boolean.TRUE.equals(face.attentive()),
                        direction(face)))
                .toList();
    }

    /**
     * A webcam frame for the attendance rules: verified only when vision says so; the owner's face is the one
     * carrying their identity, else the largest; others are every other face (vision's count when it gives one).
     */
    private static WebcamSighting webcamSighting(FrameAnalyzed frame) {
        FrameAnalyzed.Face owner = ownerFace(frame);
        boolean verified = Boolean.TRUE.equals(frame.ownerVerified()) && owner != null;
        int others = frame.othersInFrame() != null
                ? frame.othersInFrame()
                : frame.faces().size() - (verified ? 1 : 0);
        return new WebcamSighting(
                frame.userId() == null ? null : frame.userId().toString(),
                verified,
                verified && Boolean.TRUE.equals(owner.attentive()),
                verified ? direction(owner) : null,
                Math.max(0, others));
    }

    private Uni<Void> personal(FrameAnalyzed frame, long capturedAt, String traceparent) {
        if (frame.userId() == null) {
            return unknown();
        }
        String sessionId = frame.sessionId().toString();
        String owner = frame.userId().toString();
        FrameAnalyzed.Face face = ownerFace(frame);
        var sample = face == null
                ? new TimelineSample(capturedAt, false, null, null, null, false, null)
                : new TimelineSample(
                        capturedAt,
                        true,
                        face.yawDeg(),
                        face.pitchDeg(),
                        face.gaze() == null ? null : face.gaze().horizontalRatio(),
                        Boolean.TRUE.equals(face.attentive()),
                        direction(face));
        return store.appendSample(sessionId, frame.frameId(), frame.tenantId(), owner, sample)
                .chain(result -> switch (result.outcome()) {
                    case APPLIED -> {
                        metrics.counter("tracking.frames.processed").increment();
                        yield feed.publish(
                                sessionId,
                                List.of(new LiveStudent(
                                        owner,
                                        sample.face(),
                                        sample.face() && sample.attentive(),
                                        0,
                                        AttendanceStatus.PENDING,
                                        frame.capturedAt(),
                                        sample.gaze(),
                                        List.of(),
                                        0)),
                                result.live(),
                                traceparent);
                    }
                    case PAUSED -> {
                        metrics.counter("tracking.frames.ignored", "reason", "paused")
                                .increment();
                        yield feed.publish(sessionId, List.of(), result.live(), traceparent);
                    }
                    case DUPLICATE -> duplicate();
                    case NOT_APPLICABLE -> ignored("not-applicable");
                    case UNKNOWN_SESSION -> unknown();
                });
    }

    /** The webcam owner's face: the one recognised as the owner, else the largest (a webcam shows its owner). */
    private static FrameAnalyzed.Face ownerFace(FrameAnalyzed frame) {
        for (FrameAnalyzed.Face face : frame.faces()) {
            if (face.identity() != null
                    && frame.userId() != null
                    && frame.userId().equals(face.identity().userId())) {
                return face;
            }
        }
        return frame.faces().stream()
                .max(Comparator.comparingDouble(FrameAnalyzed.Face::area))
                .orElse(null);
    }

    private static String direction(FrameAnalyzed.Face face) {
        return face.gaze() == null ? null : face.gaze().direction();
    }

    private Uni<Void> duplicate() {
        metrics.counter("tracking.frames.duplicate").increment();
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> unknown() {
        return ignored("unknown-session");
    }

    private Uni<Void> ignored(String reason) {
        metrics.counter("tracking.frames.ignored", "reason", reason).increment();
        return Uni.createFrom().voidItem();
    }
}
