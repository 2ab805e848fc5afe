package io.classroom.ingest.service;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Active class sessions and their rosters, from classroom.sessions.v1, in Redis so every replica can check webcam
 * uploads: {@code ingest:session:<id>} hash (tenantId, teacherId) and {@code ingest:session:<id>:roster} set.
 */
@ApplicationScoped
public class SessionStore {

    /** Sessions without a planned end (or overrunning it) are forgotten after this. */
    private static final Duration DEFAULT_TTL = Duration.ofHours(12);

    private static final Duration GRACE = Duration.ofHours(1);

    private final RedisDataSource redis;

    public SessionStore(RedisDataSource redis) {
        this.redis = redis;
    }

    /** An active session as far as webcam uploads are concerned. */
    public record ActiveSession(String sessionId, String tenantId, String teacherId) {}

    public void started(String sessionId, String tenantId, String teacherId, Collection<String> roster, Instant end) {
        var ttl =
                end == null ? DEFAULT_TTL : Duration.between(Instant.now(), end).plus(GRACE);
        if (ttl.isNegative() || ttl.isZero()) {
            ttl = GRACE;
        }
        long millis = ttl.toMillis();
        var key = key(sessionId);
        redis.withTransaction(tx -> {
            tx.key().del(key, key + ":roster");
            tx.hash(String.class)
                    .hset(key, Map.of("tenantId", tenantId, "teacherId", teacherId == null ? "" : teacherId));
            if (!roster.isEmpty()) {
                tx.set(String.class).sadd(key + ":roster", roster.toArray(String[]::new));
                tx.key().pexpire(key + ":roster", millis);
            }
            tx.key().pexpire(key, millis);
        });
    }

    public void ended(String sessionId) {
        redis.key().del(key(sessionId), key(sessionId) + ":roster");
    }

    public Optional<ActiveSession> find(String sessionId) {
        var fields = redis.hash(String.class).hgetall(key(sessionId));
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ActiveSession(sessionId, fields.get("tenantId"), fields.get("teacherId")));
    }

    public boolean inRoster(String sessionId, String userId) {
        return redis.set(String.class).sismember(key(sessionId) + ":roster", userId);
    }

    private static String key(String sessionId) {
        return "ingest:session:" + sessionId;
    }
}
