package io.classroom.vision.service;

import io.classroom.vision.GalleryFace;
import io.classroom.vision.error.Problems;
import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.pipeline.DetectedFace;
import io.classroom.vision.pipeline.FaceEmbedder;
import io.classroom.vision.pipeline.ImageDecoder;
import io.classroom.vision.pipeline.InvalidImageException;
import io.classroom.vision.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Single-image use cases (REST and WebSocket): analyse, identify, verify, enrol.
 *
 * <p>Who learns identities: an admin of the tenant (the whole gallery, or a session's roster when one is named), and
 * the teacher of a running session (that session's roster only, never anyone else's face). Everyone else gets faces
 * without identities from analysis, and a refusal from identification and verification.
 */
@ApplicationScoped
public class VisionService {

    /** Which gallery an image may be matched against: none, the tenant's whole gallery, or a session's roster. */
    private record Scope(boolean identify, Set<UUID> roster) {

        static final Scope NONE = new Scope(false, null);
        static final Scope WHOLE_TENANT = new Scope(true, null);
    }

    /** A photo with the label its problems are reported under. */
    public record Photo(String label, byte[] bytes) {}

    /** Cosine similarity of two photos' largest faces and the decision at the recognition threshold. */
    public record Verification(double similarity, boolean samePerson, double threshold) {}

    private final AnalyzerPool pool;
    private final GalleryService gallery;
    private final GalleryAccess galleryAccess;
    private final CalibrationService calibrations;
    private final SessionRosters sessions;

    public VisionService(
            AnalyzerPool pool,
            GalleryService gallery,
            GalleryAccess galleryAccess,
            CalibrationService calibrations,
            SessionRosters sessions) {
        this.pool = pool;
        this.gallery = gallery;
        this.galleryAccess = galleryAccess;
        this.calibrations = calibrations;
        this.sessions = sessions;
    }

    /**
     * Detects and describes every face with the source's calibration (one the caller may read); identities only where
     * the caller may learn them ({@code sessionId} names the session whose roster restricts them).
     */
    public Uni<FrameResult> analyse(Caller caller, byte[] image, String sourceId, UUID sessionId) {
        return calibrations
                .effective(caller, sourceId)
                .chain(calibration -> analyse(
                        caller.tenantId(), image, pool.decoder(), calibration, scopeIfAllowed(caller, sessionId)));
    }

    /**
     * Identifies the faces of an image: without a session admins only (the tenant's gallery); with a session its
     * teacher or an admin, matched against its roster only.
     */
    public Uni<FrameResult> identify(Caller caller, byte[] image, UUID sessionId) {
        return Uni.createFrom()
                .item(() -> requiredScope(caller, sessionId))
                .chain(scope -> analyse(caller.tenantId(), image, pool.decoder(), Calibration.STRAIGHT_AHEAD, scope));
    }

    /**
     * The WebSocket protocol: straight-ahead attention, identities only where the caller may learn them; frames up to
     * 1920x1080 ({@code vision.images.stream-max-pixels}), a larger one answers 413.
     */
    public Uni<FrameResult> detect(Caller caller, byte[] image, UUID sessionId) {
        return analyse(
                caller.tenantId(),
                image,
                pool.streamDecoder(),
                Calibration.STRAIGHT_AHEAD,
                scopeIfAllowed(caller, sessionId));
    }

    /**
     * Compares the largest faces of two photos (1:1). Allowed to admins, and to the teacher of a running session
     * whose roster has the claimed user: a general face-comparison service for anyone's photos it is not.
     */
    public Uni<Verification> verify(Caller caller, byte[] a, byte[] b, UUID sessionId, UUID claimedUserId) {
        double threshold = gallery.recognition().threshold();
        return Uni.createFrom()
                .voidItem()
                .invoke(() -> checkMayVerify(caller, sessionId, claimedUserId))
                .chain(() -> embedLargestFace(a, "imageA"))
                .chain(va -> embedLargestFace(b, "imageB").map(vb -> {
                    double similarity = FaceEmbedder.cosine(va, vb);
                    return new Verification(similarity, similarity >= threshold, threshold);
                }));
    }

    /**
     * Enrols a user from photos, for a caller who may manage the user's faces ({@link GalleryAccess}). Every photo is
     * checked (exactly one face) before anything is stored: one bad photo enrols nothing.
     */
    public Uni<List<GalleryFace>> enrol(Caller caller, UUID userId, List<Photo> photos) {
        return galleryAccess
                .checkEnrolment(caller, userId)
                .chain(() -> gallery.checkRoomFor(caller.tenantId(), userId, photos.size()))
                .chain(() -> Multi.createFrom()
                        .iterable(photos)
                        .onItem()
                        .transformToUniAndConcatenate(photo -> embedSingleFace(photo.bytes(), photo.label()))
                        .collect()
                        .asList())
                .chain(vectors -> gallery.enrol(caller.tenantId(), userId, vectors));
    }

    /** The scope of analysis and the WebSocket: identities where allowed, none otherwise (never a refusal). */
    private Scope scopeIfAllowed(Caller caller, UUID sessionId) {
        if (sessionId == null) {
            return caller.isAdmin() ? Scope.WHOLE_TENANT : Scope.NONE;
        }
        var session = sessions.session(caller.tenantId(), sessionId);
        return session != null && leads(caller, session) ? new Scope(true, session.roster()) : Scope.NONE;
    }

    /** The scope of identification: 403 without a session for non-admins, 404 for a session the caller cannot see. */
    private Scope requiredScope(Caller caller, UUID sessionId) {
        if (sessionId == null) {
            if (!caller.isAdmin()) {
                throw Problems.forbidden("identification without a session is for admins; name your running session");
            }
            return Scope.WHOLE_TENANT;
        }
        return new Scope(true, visibleSession(caller, sessionId).roster());
    }

    private void checkMayVerify(Caller caller, UUID sessionId, UUID claimedUserId) {
        var session = sessionId == null ? null : visibleSession(caller, sessionId);
        if (caller.isAdmin()) {
            return;
        }
        if (session == null) {
            throw Problems.forbidden("teachers verify a student of their running session: name sessionId and userId");
        }
        if (claimedUserId == null || !session.roster().contains(claimedUserId)) {
            throw Problems.forbidden("the claimed userId is not on this session's roster");
        }
    }

    /** A running session the caller leads (its teacher, or an admin of its tenant); else 404. */
    private SessionRosters.Session visibleSession(Caller caller, UUID sessionId) {
        var session = sessions.session(caller.tenantId(), sessionId);
        if (session == null || !leads(caller, session)) {
            throw Problems.notFound("no running session " + sessionId + " of yours");
        }
        return session;
    }

    private static boolean leads(Caller caller, SessionRosters.Session session) {
        return caller.isAdmin() || session.taughtBy(caller.userId());
    }

    private Uni<FrameResult> analyse(
            String tenantId, byte[] image, ImageDecoder decoder, Calibration calibration, Scope scope) {
        return pool.<FrameResult>submit(analyzer -> {
                    var mat = decoder.decode(image);
                    try {
                        var faces = analyzer.analyse(mat, calibration, f -> scope.identify()).stream()
                                .map(a -> new AnalysedFace(
                                        a,
                                        null,
                                        a.attentiveAlone(),
                                        scope.identify() && a.embedding() != null
                                                ? gallery.identify(tenantId, a.embedding(), scope.roster())
                                                : null))
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
    private Uni<float[]> embedSingleFace(byte[] image, String label) {
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
    private Uni<float[]> embedLargestFace(byte[] image, String label) {
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
