package io.classroom.ingest.service;

import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;
import java.util.UUID;

/**
 * Leases in Redis that make exactly one replica stream a camera: {@code camera:lease:<id>} = instance id with a PX
 * TTL, taken with SET NX PX, renewed and released only by its holder (compare-and-set scripts). Replicas also
 * announce themselves in a sorted set (score = expiry) so each can take its fair share of the cameras.
 */
public class CameraLeaseManager {

    private static final String RENEW =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0"
                    + " end";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisDataSource redis;
    private final String instanceId;
    private final long ttlMillis;
    private final String replicasKey;

    public CameraLeaseManager(RedisDataSource redis, String instanceId, Duration ttl, String replicasKey) {
        this.redis = redis;
        this.instanceId = instanceId;
        this.ttlMillis = ttl.toMillis();
        this.replicasKey = replicasKey;
    }

    public static String key(UUID cameraId) {
        return "camera:lease:" + cameraId;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Takes the lease when free; true when this replica holds it afterwards. */
    public boolean tryAcquire(UUID cameraId) {
        var response = redis.execute("SET", key(cameraId), instanceId, "NX", "PX", Long.toString(ttlMillis));
        return response != null || renew(cameraId);
    }

    /** Extends the lease if this replica still holds it. */
    public boolean renew(UUID cameraId) {
        var response = redis.execute("EVAL", RENEW, "1", key(cameraId), instanceId, Long.toString(ttlMillis));
        return response != null && response.toLong() == 1;
    }

    public void release(UUID cameraId) {
        redis.execute("EVAL", RELEASE, "1", key(cameraId), instanceId);
    }

    /** The replica holding the camera's lease, or null. */
    public String holder(UUID cameraId) {
        var response = redis.execute("GET", key(cameraId));
        return response == null ? null : response.toString();
    }

    /** Announces this replica as alive for one lease period and forgets replicas that stopped announcing. */
    public void heartbeat() {
        long now = System.currentTimeMillis();
        redis.execute("ZADD", replicasKey, Long.toString(now + ttlMillis), instanceId);
        redis.execute("ZREMRANGEBYSCORE", replicasKey, "-inf", Long.toString(now));
        redis.execute("PEXPIRE", replicasKey, Long.toString(ttlMillis * 4));
    }

    /** Leaves the replica set (clean shutdown) so the others take over at once. */
    public void leave() {
        redis.execute("ZREM", replicasKey, instanceId);
    }

    /** How many of {@code cameras} this replica should stream: an even split over the live replicas. */
    public int fairShare(int cameras) {
        var response = redis.execute("ZCOUNT", replicasKey, Long.toString(System.currentTimeMillis()), "+inf");
        long replicas = Math.max(1, response == null ? 1 : response.toLong());
        return (int) ((cameras + replicas - 1) / replicas);
    }
}
