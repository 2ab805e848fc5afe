package io.classroom.vision.service;

import io.classroom.vision.pipeline.Calibration;
import io.classroom.vision.repository.CalibrationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source calibration with a short-lived cache: frames of a camera arrive several times a second, and a
 * change made through another replica is picked up within the cache time.
 */
@ApplicationScoped
public class CalibrationService {

    private static final long CACHE_MILLIS = 30_000;

    private record Cached(Calibration calibration, long loadedAt) {}

    private final CalibrationRepository repository;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public CalibrationService(CalibrationRepository repository) {
        this.repository = repository;
    }

    /** The source's stored calibration, or null when none is stored. */
    public Uni<Calibration> find(String tenantId, String sourceId) {
        return repository.find(tenantId, sourceId);
    }

    /** The calibration to apply to a source's frames: the stored one, else straight ahead. */
    public Uni<Calibration> effective(String tenantId, String sourceId) {
        if (sourceId == null) {
            return Uni.createFrom().item(Calibration.STRAIGHT_AHEAD);
        }
        var key = tenantId + '\u0000' + sourceId;
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

    public Uni<Void> save(String tenantId, String sourceId, Calibration calibration) {
        return repository
                .upsert(tenantId, sourceId, calibration)
                .invoke(() -> cache.remove(tenantId + '\u0000' + sourceId));
    }

    public Uni<Boolean> delete(String tenantId, String sourceId) {
        return repository.delete(tenantId, sourceId).invoke(() -> cache.remove(tenantId + '\u0000' + sourceId));
    }
}
