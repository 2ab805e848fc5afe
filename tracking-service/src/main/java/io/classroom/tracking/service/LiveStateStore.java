package io.classroom.tracking.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.AttendanceEngine;
import io.classroom.tracking.ClassSessionState;
import io.classroom.tracking.FaceSighting;
import io.classroom.tracking.StudentAccumulator;
import io.classroom.tracking.TimelineSample;
import io.classroom.tracking.config.TrackingConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.transactions.ReactiveTransactionalRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Live state in Redis. A class session is one hash ({@code _session} plus one field per seen student, JSON each);
 * processed frame ids sit in a set with a TTL. A frame's effect and its id are written in one MULTI/EXEC guarded
 * by WATCH on the session hash, so a redelivered frame never counts twice, concurrent replicas never lose an
 * update, and a restarted service continues from exactly the stored totals.
 */
@ApplicationScoped
public class LiveStateStore {

    static final String SESSION_FIELD = "_session";
    private static final int MAX_ATTEMPTS = 100;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final TrackingConfig config;

    public LiveStateStore(ReactiveRedisDataSource redis, ObjectMapper json, TrackingConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    /** Outcome of applying a frame. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        UNKNOWN_SESSION
    }

    /** The result of a frame: its outcome and, when applied, the session and the students it changed. */
    public record FrameResult(Outcome outcome, ClassSessionState session, Map<String, StudentAccumulator> changed) {}

    /** A whole class session as stored. */
    public record Snapshot(ClassSessionState session, Map<String, StudentAccumulator> students) {}

    static String classKey(String sessionId) {
        return "tracking:class:" + sessionId;
    }

    static String framesKey(String sessionId) {
        return "tracking:frames:" + sessionId;
    }

    static String personalKey(String sessionId) {
        return "tracking:personal:" + sessionId;
    }

    static String timelineKey(String sessionId) {
        return "tracking:timeline:" + sessionId;
    }

    /** Stores a new class session; false when it already exists (a redelivered start). */
    public Uni<Boolean> createClassSession(ClassSessionState state) {
        return redis.hash(String.class).hsetnx(classKey(state.sessionId), SESSION_FIELD, write(state));
    }

    public Uni<Snapshot> load(String sessionId) {
        return redis.hash(String.class).hgetall(classKey(sessionId)).map(this::snapshot);
    }

    private Snapshot snapshot(Map<String, String> fields) {
        if (fields == null || !fields.containsKey(SESSION_FIELD)) {
            return null;
        }
        Map<String, StudentAccumulator> students = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (!SESSION_FIELD.equals(field)) {
                students.put(field, read(value, StudentAccumulator.class));
            }
        });
        return new Snapshot(read(fields.get(SESSION_FIELD), ClassSessionState.class), students);
    }

    /** Applies a frame to a class session exactly once. */
    public Uni<FrameResult> applyFrame(
            AttendanceEngine engine, String sessionId, String frameId, long capturedAt, List<FaceSighting> faces) {
        return applyFrame(engine, sessionId, frameId, capturedAt, faces, 1);
    }

    private Uni<FrameResult> applyFrame(
            AttendanceEngine engine,
            String sessionId,
            String frameId,
            long capturedAt,
            List<FaceSighting> faces,
            int attempt) {
        String key = classKey(sessionId);
        String frames = framesKey(sessionId);
        String[] fields = fieldsOf(faces);
        return redis.withTransaction(
                        ds -> ds.set(String.class)
                                .sismember(frames, frameId)
                                .chain(seen -> seen
                                        ? Uni.createFrom().item(new FrameResult(Outcome.DUPLICATE, null, Map.of()))
                                        : ds.hash(String.class)
                                                .hmget(key, fields)
                                                .map(stored -> compute(engine, stored, capturedAt, faces))),
                        (result, tx) -> {
                            if (result.outcome() != Outcome.APPLIED) {
                                return Uni.createFrom().voidItem();
                            }
                            Map<String, String> changes = new HashMap<>();
                            changes.put(SESSION_FIELD, write(result.session()));
                            result.changed().forEach((userId, acc) -> changes.put(userId, write(acc)));
                            return tx.hash(String.class)
                                    .hset(key, changes)
                                    .chain(() -> tx.set(String.class).sadd(frames, frameId))
                                    .chain(() -> tx.key()
                                            .pexpire(
                                                    frames,
                                                    config.processedFramesTtl().toMillis()));
                        },
                        key)
                .chain(tx -> {
                    if (!tx.discarded()) {
                        return Uni.createFrom().item(tx.getPreTransactionResult());
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        return Uni.createFrom()
                                .failure(new IllegalStateException("Too much contention on session " + sessionId));
                    }
                    // another writer changed the session meanwhile: back off a little and redo with fresh state
                    return Uni.createFrom()
                            .voidItem()
                            .onItem()
                            .delayIt()
                            .by(Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, 2L + attempt)))
                            .chain(() -> applyFrame(engine, sessionId, frameId, capturedAt, faces, attempt + 1));
                });
    }

    private static String[] fieldsOf(List<FaceSighting> faces) {
        List<String> fields = new ArrayList<>();
        fields.add(SESSION_FIELD);
        for (FaceSighting face : faces) {
            if (face.userId() != null && !SESSION_FIELD.equals(face.userId()) && !fields.contains(face.userId())) {
                fields.add(face.userId());
            }
        }
        return fields.toArray(String[]::new);
    }

    private FrameResult compute(
            AttendanceEngine engine, Map<String, String> stored, long capturedAt, List<FaceSighting> faces) {
        String sessionJson = stored.get(SESSION_FIELD);
        if (sessionJson == null) {
            return new FrameResult(Outcome.UNKNOWN_SESSION, null, Map.of());
        }
        ClassSessionState session = read(sessionJson, ClassSessionState.class);
        Map<String, StudentAccumulator> students = new HashMap<>();
        stored.forEach((field, value) -> {
            if (value != null && !SESSION_FIELD.equals(field)) {
                students.put(field, read(value, StudentAccumulator.class));
            }
        });
        Set<String> changed = engine.apply(session, students, capturedAt, faces);
        Map<String, StudentAccumulator> changedStudents = new LinkedHashMap<>();
        changed.forEach(userId -> changedStudents.put(userId, students.get(userId)));
        return new FrameResult(Outcome.APPLIED, session, changedStudents);
    }

    /** Marks a class session ended (later frames are ignored) and returns its final state; null if unknown. */
    public Uni<Snapshot> markEnded(String sessionId, long endedAt) {
        String key = classKey(sessionId);
        long ttl = config.endedSessionTtl().toMillis();
        return redis.withTransaction(
                        ds -> ds.hash(String.class).hgetall(key).map(this::snapshot),
                        (snapshot, tx) -> {
                            if (snapshot == null) {
                                return Uni.createFrom().voidItem();
                            }
                            if (snapshot.session().endedAt == null) {
                                snapshot.session().endedAt = endedAt;
                            }
                            return tx.hash(String.class)
                                    .hset(key, SESSION_FIELD, write(snapshot.session()))
                                    .chain(() -> tx.key().pexpire(key, ttl));
                        },
                        key)
                .chain(tx -> tx.discarded()
                        ? markEnded(sessionId, endedAt)
                        : Uni.createFrom().item(tx.getPreTransactionResult()));
    }

    static String deletedUsersKey(String tenantId) {
        return "tracking:deleted-users:" + tenantId;
    }

    /** Remembers a deleted user so running sessions never produce a record for them. */
    public Uni<Void> markDeleted(String tenantId, String userId) {
        return redis.set(String.class).sadd(deletedUsersKey(tenantId), userId).replaceWithVoid();
    }

    public Uni<Set<String>> deletedUsers(String tenantId) {
        return redis.set(String.class).smembers(deletedUsersKey(tenantId));
    }

    /** Registers a personal session so its webcam frames are kept for the focus/activity timeline. */
    public Uni<Void> createPersonalSession(String sessionId, String tenantId, String ownerId) {
        String key = personalKey(sessionId);
        return redis.hash(String.class)
                .hset(key, Map.of("tenant", tenantId, "owner", ownerId))
                .chain(() ->
                        redis.key().pexpire(key, config.processedFramesTtl().toMillis()))
                .replaceWithVoid();
    }

    /** Appends the owner's sample of a webcam frame to a personal session's timeline, once per frame id. */
    public Uni<Outcome> appendSample(String sessionId, String frameId, String userId, TimelineSample sample) {
        String meta = personalKey(sessionId);
        String frames = framesKey(sessionId);
        return redis.withTransaction(
                        ds -> ds.hash(String.class).hget(meta, "owner").chain(owner -> {
                            if (owner == null || (userId != null && !owner.equals(userId))) {
                                return Uni.createFrom().item(Outcome.UNKNOWN_SESSION);
                            }
                            return ds.set(String.class)
                                    .sismember(frames, frameId)
                                    .map(seen -> seen ? Outcome.DUPLICATE : Outcome.APPLIED);
                        }),
                        (outcome, tx) -> outcome != Outcome.APPLIED
                                ? Uni.createFrom().voidItem()
                                : tx.list(String.class)
                                        .rpush(timelineKey(sessionId), write(sample))
                                        .chain(() -> tx.set(String.class).sadd(frames, frameId))
                                        .chain(() -> expireAll(tx, sessionId)),
                        frames)
                .chain(tx -> tx.discarded()
                        ? appendSample(sessionId, frameId, userId, sample)
                        : Uni.createFrom().item(tx.getPreTransactionResult()));
    }

    /** A personal session's live keys live as long as processed frame ids after its latest frame. */
    private Uni<Void> expireAll(ReactiveTransactionalRedisDataSource tx, String sessionId) {
        long ttl = config.processedFramesTtl().toMillis();
        return tx.key()
                .pexpire(framesKey(sessionId), ttl)
                .chain(() -> tx.key().pexpire(timelineKey(sessionId), ttl))
                .chain(() -> tx.key().pexpire(personalKey(sessionId), ttl));
    }

    public Uni<List<TimelineSample>> timeline(String sessionId) {
        return redis.list(String.class)
                .lrange(timelineKey(sessionId), 0, -1)
                .map(items -> items.stream()
                        .map(item -> read(item, TimelineSample.class))
                        .toList());
    }

    /** The latest webcam sample of a personal session, or null. */
    public Uni<TimelineSample> lastSample(String sessionId) {
        return redis.list(String.class)
                .lindex(timelineKey(sessionId), -1)
                .map(item -> item == null ? null : read(item, TimelineSample.class));
    }

    /** Forgets a personal session's live data once its report is stored. */
    public Uni<Void> dropPersonalSession(String sessionId) {
        return redis.key().del(personalKey(sessionId), timelineKey(sessionId)).replaceWithVoid();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
