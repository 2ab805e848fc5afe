package io.classroom.vision.service;

import io.classroom.vision.error.Problems;
import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.repository.CalibrationRepository;
import io.classroom.vision.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source calibration with a short-lived cache: frames of a camera arrive several times a second, and a
 * change made through another replica is picked up within the cache time.
 *
 * <p>Who may change a source's calibration: an admin of the tenant, the teacher of a running session filmed by that
 * camera, and any user for their own webcam ({@code webcam:<their id>}). Who may read it: the same, and the
 * tenant's staff. A source the caller may not read answers 404; one the staff may read but not change, 403.
 */
@ApplicationScoped
public class CalibrationService {

    private static final long CACHE_MILLIS = 30_000;

    private record Cached(Calibration calibration, long loadedAt) {}

    private final CalibrationRepository repository;
    private final SessionRosters sessions;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public CalibrationService(CalibrationRepository repository, SessionRosters sessions) {
        this.repository = repository;
        this.sessions = sessions;
    }

    /** The calibration applied to a source's frames for this caller (straight ahead when none is stored). */
    public Uni<Calibration> effective(Caller caller, String sourceId) {
        return Uni.createFrom()
                .voidItem()
                .invoke(() -> checkMayRead(caller, sourceId))
                .chain(() -> effective(caller.tenantId(), sourceId));
    }

    /** The calibration to apply to a source's frames: the stored one, else straight ahead. */
    public Uni<Calibration> effective(String tenantId, String sourceId) {
        if (sourceId == null) {
            return Uni.createFrom().item(Calibration.STRAIGHT_AHEAD);
        }
        var key = key(tenantId, sourceId);
        var cached = cache.get(key);
        if (cached != null && System.currentTimeMillis() - cached.loadedAt() < CACHE_MILLIS) {
            return Uni.createFrom().item(cached.calibration());
        }
        return repository.find(tenantId, sourceId).map(found -> {
            var calibration = found == null ? Calibration.STRAIGHT_AHEAD : found;
            cache.put(key, new Cached(calibration, System.currentTimeMillis()));
            return calibration;
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
