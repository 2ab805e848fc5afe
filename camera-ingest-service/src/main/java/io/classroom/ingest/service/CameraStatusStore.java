package io.classroom.ingest.service;

import io.classroom.ingest.CameraFailure;
import io.classroom.ingest.CameraStatus;
import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.stream.FailureReason;
import io.classroom.ingest.stream.StreamState;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Live camera status in Redis ({@code camera:status:<id>} hash with a TTL), so any replica can answer. */
@ApplicationScoped
public class CameraStatusStore {

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactiveRedis;
    private final IngestConfig config;

    public CameraStatusStore(RedisDataSource redis, ReactiveRedisDataSource reactiveRedis, IngestConfig config) {
        this.redis = redis;
        this.reactiveRedis = reactiveRedis;
        this.config = config;
    }

    public static String key(UUID cameraId) {
        return "camera:status:" + cameraId;
    }

    /** Writes a status from a stream thread; a Redis outage only costs freshness. */
    public void write(CameraStatus status) {
        var fields = new HashMap<String, String>();
        put(fields, "state", status.state());
        put(fields, "reason", status.reason());
        put(fields, "lastFrameAt", status.lastFrameAt());
        put(fields, "inputFps", status.inputFps());
        put(fields, "outputFps", status.outputFps());
        put(fields, "framesPublished", status.framesPublished());
        put(fields, "droppedFrames", status.droppedFrames());
        put(fields, "reconnects", status.reconnects());
        put(fields, "sessionId", status.sessionId());
        put(fields, "owner", status.owner());
        put(fields, "updatedAt", Instant.now());
        var key = key(status.cameraId());
        try {
            redis.withTransaction(tx -> {
                tx.key().del(key);
                tx.hash(String.class).hset(key, fields);
                tx.key().pexpire(key, config.stream().statusTtl().toMillis());
            });
        } catch (RuntimeException e) {
            Log.warnf("cannot write status of camera %s to Redis: %s", status.cameraId(), e.getMessage());
        }
    }

    public void delete(UUID cameraId) {
        try {
            redis.key().del(key(cameraId));
        } catch (RuntimeException e) {
            Log.warnf("cannot delete status of camera %s from Redis: %s", cameraId, e.getMessage());
        }
    }

    /** The live status, or STOPPED when no replica reports one. */
    public Uni<CameraStatus> read(UUID cameraId, boolean requested) {
        return reactiveRedis
                .hash(String.class)
                .hgetall(key(cameraId))
                .map(fields -> fields == null || fields.isEmpty()
                        ? CameraStatus.stopped(cameraId, requested)
                        : parse(cameraId, fields, requested));
    }

    private static CameraStatus parse(UUID cameraId, Map<String, String> f, boolean requested) {
        return new CameraStatus(
                cameraId,
                StreamState.valueOf(f.getOrDefault("state", "STOPPED")),
                reason(f.get("reason")),
                f.containsKey("lastFrameAt") ? Instant.parse(f.get("lastFrameAt")) : null,
                f.containsKey("inputFps") ? Double.valueOf(f.get("inputFps")) : null,
                Double.parseDouble(f.getOrDefault("outputFps", "0")),
                Long.parseLong(f.getOrDefault("framesPublished", "0")),
                Long.parseLong(f.getOrDefault("droppedFrames", "0")),
                Long.parseLong(f.getOrDefault("reconnects", "0")),
                f.containsKey("sessionId") ? UUID.fromString(f.get("sessionId")) : null,
                f.get("owner"),
                requested,
                f.containsKey("updatedAt") ? Instant.parse(f.get("updatedAt")) : null);
    }

    /**
     * The coarse reason of a stored one: this version stores coarse names, a replica of the version before stored the
     * precise ones (every coarse name is also a precise one).
     */
    private static CameraFailure reason(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return FailureReason.valueOf(stored).coarse();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void put(Map<String, String> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value.toString());
        }
    }
}
