package io.classroom.vision.messaging;

import io.classroom.vision.facetrack.FaceTracker.TrackedFace;
import io.classroom.vision.pipeline.ModelFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code FrameAnalyzed} event on {@code vision.observations.v1} (key sourceId); coordinates are fractions.
 *
 * @param ownerVerified webcam frames only (those with {@code userId}): whether the largest face verified 1:1 against
 *     the owner's enrolment; null for room cameras
 * @param othersInFrame webcam frames only: faces other than the verified owner's (every face when the owner did not
 *     verify); null for room cameras
 */
public record FrameAnalyzed(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        String frameId,
        String sourceId,
        UUID sessionId,
        UUID userId,
        Instant capturedAt,
        Instant processedAt,
        int frameWidth,
        int frameHeight,
        int unknownFaces,
        Boolean ownerVerified,
        Integer othersInFrame,
        List<Face> faces,
        Map<String, String> models)
        implements Event {

    public static final String TOPIC = "vision.observations.v1";

    /** One face of the frame. */
    public record Face(
            String trackId,
            Box box,
            List<double[]> landmarks,
            double detScore,
            double yawDeg,
            double pitchDeg,
            double rollDeg,
            Gaze gaze,
            boolean attentive,
            Identity identity,
            Quality quality) {}

    /** Box as fractions of the frame. */
    public record Box(double x, double y, double width, double height) {}

    /** Gaze direction and pupil ratios. */
    public record Gaze(String direction, double horizontalRatio, double verticalRatio) {}

    /** A recognised user. */
    public record Identity(UUID userId, double similarity) {}

    /** Recognition quality. */
    public record Quality(int faceWidthPx, double sharpness, boolean usable) {}

    /** The observation of a room camera's frame: identities from the roster, no owner. */
    public static FrameAnalyzed of(FrameHeaders frame, int width, int height, List<TrackedFace> faces) {
        return of(frame, width, height, faces, null, null);
    }

    /**
     * The observation of a webcam frame, whose faces carry no identity but the verified owner's (on the largest face).
     */
    public static FrameAnalyzed ofWebcam(
            FrameHeaders frame, int width, int height, List<TrackedFace> faces, boolean ownerVerified) {
        return of(frame, width, height, faces, ownerVerified, faces.size() - (ownerVerified ? 1 : 0));
    }

    private static FrameAnalyzed of(
            FrameHeaders frame,
            int width,
            int height,
            List<TrackedFace> faces,
            Boolean ownerVerified,
            Integer othersInFrame) {
        var now = Instant.now();
        var mapped = faces.stream().map(f -> face(f, width, height)).toList();
        int unknown = (int) mapped.stream().filter(f -> f.identity() == null).count();
        return new FrameAnalyzed(
                UUID.randomUUID(),
                "FrameAnalyzed",
                now,
                frame.tenantId(),
                frame.frameId(),
                frame.sourceId(),
                frame.sessionId(),
                frame.userId(),
                frame.capturedAt(),
                now,
                width,
                height,
                unknown,
                ownerVerified,
                othersInFrame,
                mapped,
                ModelFile.ANALYSIS_MODELS);
    }

    private static Face face(TrackedFace tracked, int width, int height) {
        var a = tracked.analysis();
        var d = a.face();
        double x0 = clamp(d.x() / width);
        double y0 = clamp(d.y() / height);
        double x1 = clamp((d.x() + d.width()) / width);
        double y1 = clamp((d.y() + d.height()) / height);
        var landmarks = new ArrayList<double[]>(5);
        for (int i = 0; i < 5; i++) {
            landmarks.add(new double[] {round(d.landmarkX(i) / width), round(d.landmarkY(i) / height)});
        }
        var g = a.gaze();
        var q = a.quality();
        return new Face(
                tracked.trackId(),
                new Box(round(x0), round(y0), round(x1 - x0), round(y1 - y0)),
                landmarks,
                round(Math.min(1, d.score())),
                round(a.pose().yawDeg()),
                round(a.pose().pitchDeg()),
                round(a.pose().rollDeg()),
                g == null ? null : new Gaze(g.direction().name(), round(g.horizontalRatio()), round(g.verticalRatio())),
                tracked.attentive(),
                tracked.identity() == null
                        ? null
                        : new Identity(
                                tracked.identity().userId(),
                                round(tracked.identity().similarity())),
                new Quality(q.faceWidthPx(), round(q.sharpness()), q.usable()));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
