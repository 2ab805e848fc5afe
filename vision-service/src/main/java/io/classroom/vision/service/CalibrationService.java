package io.classroom.vision.service;

import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.error.Problems;
import io.classroom.vision.pipeline.BoardLearner;
import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.pipeline.HeadPose;
import io.classroom.vision.repository.CalibrationRepository;
import io.classroom.vision.security.Caller;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source calibration with a short-lived cache: frames of a camera arrive several times a second, and a
 * change made through another replica is picked up within the cache time.
 *
 * <p>A room camera without a stored calibration learns one from its own faces ({@link BoardLearner},
 * {@code vision.auto-calibration}); a stored calibration always wins, and webcams keep straight ahead. What is learnt
 * lives in the memory of the replica analysing the source (a source's frames are keyed by source, so one replica
 * analyses them) and is learnt again after a restart or a partition move; the REST API shows stored calibrations only.
 *
 * <p>Who may change a source's calibration: an admin of the tenant, the teacher of a running session filmed by that
 * camera, and any user for their own webcam ({@code webcam:<their id>}). Who may read it: the same, and the
 * tenant's staff. A source the caller may not read answers 404; one the staff may read but not change, 403.
 */
@ApplicationScoped
public class CalibrationService {

    private static final long CACHE_MILLIS = 30_000;

    /** @param calibration the stored calibration, null when none is stored */
    private record Cached(Calibration calibration, long loadedAt) {}

    private final CalibrationRepository repository;
    private final SessionRosters sessions;
    private final VisionConfig.AutoCalibration auto;
    private final int maxLearners;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, BoardLearner> learners = new ConcurrentHashMap<>();

    @Inject
    public CalibrationService(CalibrationRepository repository, SessionRosters sessions, VisionConfig config) {
        this(repository, sessions, config.autoCalibration(), config.frames().maxSources());
    }

    /** @param maxLearners most sources learning at once (as many as the frame intake tracks) */
    CalibrationService(
            CalibrationRepository repository,
            SessionRosters sessions,
            VisionConfig.AutoCalibration auto,
            int maxLearners) {
        this.repository = repository;
        this.sessions = sessions;
        this.auto = auto;
        this.maxLearners = maxLearners;
    }

    /** The calibration applied to a source's frames for this caller (straight ahead when none is stored). */
    public Uni<Calibration> effective(Caller caller, String sourceId) {
        return Uni.createFrom()
                .voidItem()
                .invoke(() -> checkMayRead(caller, sourceId))
                .chain(() -> effective(caller.tenantId(), sourceId));
    }

    /** The stored calibration of a source, else straight ahead. */
    private Uni<Calibration> effective(String tenantId, String sourceId) {
        return stored(tenantId, sourceId).map(stored -> stored == null ? Calibration.STRAIGHT_AHEAD : stored);
    }

    /**
     * The calibration applied to a source's frames: the stored one; else, for a room camera, the one learnt from its
     * faces once enough were seen; else straight ahead.
     */
    public Uni<Calibration> forFrames(String tenantId, String sourceId, boolean roomCamera) {
        return stored(tenantId, sourceId).map(stored -> {
            if (stored != null) {
                return stored;
            }
            var learner = roomCamera ? learners.get(key(tenantId, sourceId)) : null;
            var learnt = learner == null ? null : learner.learnt();
            return learnt == null ? Calibration.STRAIGHT_AHEAD : learnt;
        });
    }

    /**
     * Counts the head poses of a room camera's frame towards its learnt board direction (also while a calibration is
     * stored: deleting it then falls back to what was learnt). Called for the frames of one source one at a time.
     */
    public void learnFrom(String tenantId, String sourceId, long capturedAtMillis, List<HeadPose> poses) {
        if (!auto.enabled()) {
            return;
        }
        var key = key(tenantId, sourceId);
        var learner = learners.get(key);
        if (learner == null) {
            if (learners.size() >= maxLearners) {
                return;
            }
            learner = learners.computeIfAbsent(
                    key,
                    k -> new BoardLearner(auto.learnFor().toMillis(), auto.minFaces(), Calibration.STRAIGHT_AHEAD));
        }
        boolean wasFrozen = learner.frozen();
        learner.observe(capturedAtMillis, poses);
        if (!wasFrozen && learner.frozen()) {
            var learnt = learner.learnt();
            Log.infof(
                    "source %s of tenant %s learnt its board direction: yaw %.0f, pitch %.0f degrees",
                    sourceId, tenantId, learnt.boardYawDeg(), learnt.boardPitchDeg());
        }
    }

    /** The stored calibration of a source, null when none is stored (nor for a null source). */
    private Uni<Calibration> stored(String tenantId, String sourceId) {
        if (sourceId == null) {
            return Uni.createFrom().nullItem();
        }
        var key = key(tenantId, sourceId);
        var cached = cache.get(key);
        if (cached != null && System.currentTimeMillis() - cached.loadedAt() < CACHE_MILLIS) {
            return Uni.createFrom().item(cached.calibration());
        }
        return repository.find(tenantId, sourceId).invoke(found -> {
            cache.put(key, new Cached(found, System.currentTimeMillis()));
        });
    }

    public Uni<Void> save(Caller caller, String sourceId, Calibration calibration) {
        return checkMayChange(caller, sourceId)
                .chain(() -> repository.upsert(caller.tenantId(), sourceId, calibration))
                .invoke(() -> cache.remove(key(caller.tenantId(), sourceId)));
    }

    /** Removes a stored calibration; 404 when none is stored. */
    public Uni<Void> delete(Caller caller, String sourceId) {
        return checkMayChange(caller, sourceId)
                .chain(() -> erase(caller.tenantId(), sourceId))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw Problems.notFound("no calibration stored for source " + sourceId);
                    }
                })
                .replaceWithVoid();
    }

    /** Erases the calibration of a deleted user's webcam (idempotent). */
    public Uni<Boolean> eraseWebcamOf(String tenantId, UUID userId) {
        return erase(tenantId, "webcam:" + userId);
    }

    private Uni<Boolean> erase(String tenantId, String sourceId) {
        return repository.delete(tenantId, sourceId).invoke(() -> cache.remove(key(tenantId, sourceId)));
    }

    private boolean mayChange(Caller caller, String sourceId) {
        return caller.isAdmin()
                || caller.webcamSourceId().equals(sourceId)
                || (caller.isTeacher() && sessions.teachesWith(caller.tenantId(), caller.userId(), sourceId));
    }

    private void checkMayRead(Caller caller, String sourceId) {
        if (sourceId != null && !caller.isStaff() && !mayChange(caller, sourceId)) {
            throw Problems.notFound("no calibration visible for source " + sourceId);
        }
    }

    /**
     * Passes when the caller may change the source; else 404 when they may not even read it or the source is unknown
     * in the tenant (neither calibrated nor filmed in a running session: another tenant's camera looks so), 403 when
     * it is known and they may only read it.
     */
    private Uni<Void> checkMayChange(Caller caller, String sourceId) {
        return Uni.createFrom().deferred(() -> {
            if (mayChange(caller, sourceId)) {
                return Uni.createFrom().voidItem();
            }
            checkMayRead(caller, sourceId);
            return refusal(caller, sourceId);
        });
    }

    /** Staff who may read but not change: 403 when the source is known in the tenant, else 404. */
    private Uni<Void> refusal(Caller caller, String sourceId) {
        var refused = Problems.forbidden(
                "only an admin, the teacher of a running session filmed by this camera, or the webcam's own user may"
                        + " change its calibration");
        if (sessions.inUse(caller.tenantId(), sourceId)) {
            return Uni.createFrom().failure(refused);
        }
        return repository
                .find(caller.tenantId(), sourceId)
                .chain(stored -> Uni.createFrom()
                        .<Void>failure(
                                stored == null
                                        ? Problems.notFound("no calibration stored for source " + sourceId)
                                        : refused));
    }

    private static String key(String tenantId, String sourceId) {
        return tenantId + '\u0000' + sourceId;
    }
}
