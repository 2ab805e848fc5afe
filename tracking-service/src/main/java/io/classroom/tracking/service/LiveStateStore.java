package io.classroom.tracking.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.ActivityInference;
import io.classroom.tracking.AttendanceEngine;
import io.classroom.tracking.ClassSessionState;
import io.classroom.tracking.FaceSighting;
import io.classroom.tracking.PersonalLive;
import io.classroom.tracking.PersonalProgress;
import io.classroom.tracking.PersonalReport;
import io.classroom.tracking.StudentAccumulator;
import io.classroom.tracking.TimelineSample;
import io.classroom.tracking.WebcamSighting;
import io.classroom.tracking.config.TrackingConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.transactions.ReactiveTransactionalRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Live state in Redis. A class session is one hash ({@code _session} plus one field per seen student, JSON each);
 * processed frame ids sit in a set with a TTL. A frame's effect and its id are written in one MULTI/EXEC guarded
 * by WATCH on the session hash, so a redelivered frame never counts twice, concurrent replicas never lose an
 * update, and a restarted service continues from exactly the stored totals.
 */
@ApplicationScoped
public class LiveStateStore {

    static final String SESSION_FIELD = "_session";
    private static final String PERSONAL_PREFIX = "tracking:personal:";
    private static final String DELETED_USERS_PREFIX = "tracking:deleted-users:";
    private static final int MAX_ATTEMPTS = 100;
    /** An earlier version's tombstone member: the user id itself. */
    private static final Pattern USER_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

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
        UNKNOWN_SESSION,
        /** It counts for nothing: outside the session, or a webcam of someone not on the roster. Nothing changed. */
        NOT_APPLICABLE,
        /** A personal session's frame taken while it was paused: ignored. */
        PAUSED
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
        return PERSONAL_PREFIX + sessionId;
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

    /** Applies a room-camera frame to a class session exactly once. */
    public Uni<FrameResult> applyFrame(
            AttendanceEngine engine, String sessionId, String frameId, long capturedAt, List<FaceSighting> faces) {
        return applyFrame(
                sessionId,
                frameId,
                fieldsOf(faces),
                (session, students) -> engine.apply(session, students, capturedAt, faces),
                1);
    }

    /** Applies a student's own webcam frame to a class session exactly once (it concerns its owner only). */
    public Uni<FrameResult> applyWebcamFrame(
            AttendanceEngine engine, String sessionId, String frameId, long capturedAt, WebcamSighting frame) {
        String[] fields = frame.ownerId() == null || SESSION_FIELD.equals(frame.ownerId())
                ? new String[] {SESSION_FIELD}
                : new String[] {SESSION_FIELD, frame.ownerId()};
        return applyFrame(
                sessionId,
                frameId,
                fields,
                (session, students) -> engine.applyWebcam(session, students, capturedAt, frame),
                1);
    }

    private Uni<FrameResult> applyFrame(
            String sessionId,
            String frameId,
            String[] fields,
            BiFunction<ClassSessionState, Map<String, StudentAccumulator>, AttendanceEngine.Applied> rules,
            int attempt) {
        String key = classKey(sessionId);
        String frames = framesKey(sessionId);
        String processed = processedId(frameId);
        return redis.withTransaction(
                        ds -> ds.set(String.class)
                                .sismember(frames, processed)
                                .chain(seen -> seen
                                        ? Uni.createFrom().item(new FrameResult(Outcome.DUPLICATE, null, Map.of()))
                                        : ds.hash(String.class)
                                                .hmget(key, fields)
                                                .map(stored -> compute(stored, rules))),
                        (result, tx) -> {
                            if (result.outcome() != Outcome.APPLIED) {
                                return Uni.createFrom().voidItem();
                            }
                            Map<String, String> changes = new HashMap<>();
                            changes.put(SESSION_FIELD, write(result.session()));
                            result.changed().forEach((userId, acc) -> changes.put(userId, write(acc)));
                            return tx.hash(String.class)
                                    .hset(key, changes)
                                    .chain(() -> tx.set(String.class).sadd(frames, processed))
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
                            .chain(() -> applyFrame(sessionId, frameId, fields, rules, attempt + 1));
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
            Map<String, String> stored,
            BiFunction<ClassSessionState, Map<String, StudentAccumulator>, AttendanceEngine.Applied> rules) {
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
        AttendanceEngine.Applied applied = rules.apply(session, students);
        if (!applied.counted()) {
            return new FrameResult(Outcome.NOT_APPLICABLE, session, Map.of());
        }
        Map<String, StudentAccumulator> changedStudents = new LinkedHashMap<>();
        applied.changed().forEach(userId -> changedStudents.put(userId, students.get(userId)));
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
        return DELETED_USERS_PREFIX + tenantId;
    }

    void onStart(@Observes StartupEvent event) {
        eraseLegacyTombstones()
                .subscribe()
                .with(
                        done -> Log.debug("Tombstones hold no user id"),
                        e -> Log.warnf("Cannot rewrite the tombstones of an earlier version yet: %s", e.getMessage()));
    }

    /**
     * An earlier version kept deleted users' ids themselves in the tombstone sets and left them in the live state:
     * each such user is erased again ({@link #eraseUser}), which leaves a digest instead. Run at every start; it finds
     * nothing once done.
     */
    public Uni<Void> eraseLegacyTombstones() {
        return keys(DELETED_USERS_PREFIX + "*")
                .onItem()
                .transformToUniAndConcatenate(key -> redis.set(String.class)
                        .smembers(key)
                        .chain(members -> Multi.createFrom()
                                .iterable(members)
                                .filter(member -> USER_ID.matcher(member).matches())
                                .onItem()
                                .transformToUniAndConcatenate(
                                        userId -> eraseUser(key.substring(DELETED_USERS_PREFIX.length()), userId))
                                .collect()
                                .last()))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * The processed-frames sets keep a digest of each frame id, never the id itself: a webcam frame's id names its
     * user ({@code webcam:<userId>:...}), and nothing may keep a deleted user's id.
     */
    static String processedId(String frameId) {
        return digest(frameId);
    }

    /** How a deleted user is remembered: a digest of tenant and id, so the tombstone itself names nobody. */
    static String tombstone(String tenantId, String userId) {
        return digest(tenantId + "/" + userId);
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** Whether the user was deleted (their access token may still live for minutes). */
    public Uni<Boolean> isDeleted(String tenantId, String userId) {
        return redis.set(String.class).sismember(deletedUsersKey(tenantId), tombstone(tenantId, userId));
    }

    /** Which of these users of the tenant were deleted. */
    public Uni<Set<String>> deletedAmong(String tenantId, Collection<String> userIds) {
        return redis.set(String.class).smembers(deletedUsersKey(tenantId)).map(tombstones -> {
            Set<String> deleted = new HashSet<>();
            for (String userId : userIds) {
                if (userId != null && tombstones.contains(tombstone(tenantId, userId))) {
                    deleted.add(userId);
                }
            }
            return deleted;
        });
    }

    /**
     * Erases a deleted user from the live state: a tombstone (a digest) keeps late events from bringing them back;
     * in every class session of the tenant they become a random pseudonym (roster entry, their totals, and the
     * session's teacher id is dropped), so counts stay; their personal sessions' live keys are deleted. The id
     * that an earlier version kept in the tombstone set is removed.
     */
    public Uni<Void> eraseUser(String tenantId, String userId) {
        String tombstones = deletedUsersKey(tenantId);
        return redis.set(String.class)
                .sadd(tombstones, tombstone(tenantId, userId))
                .chain(() -> redis.set(String.class).srem(tombstones, userId))
                .chain(() -> keys("tracking:class:*")
                        .onItem()
                        .transformToUniAndConcatenate(key -> pseudonymise(key, tenantId, userId))
                        .collect()
                        .last())
                .chain(() -> keys(PERSONAL_PREFIX + "*")
                        .onItem()
                        .transformToUniAndConcatenate(key -> dropIfOwned(key, tenantId, userId))
                        .collect()
                        .last())
                .replaceWithVoid();
    }

    private Multi<String> keys(String pattern) {
        return redis.key().scan(new KeyScanArgs().match(pattern).count(500)).toMulti();
    }

    /** Replaces the user in one class session by a pseudonym, atomically with concurrent frames (WATCH). */
    private Uni<Void> pseudonymise(String key, String tenantId, String userId) {
        return redis.withTransaction(
                        ds -> ds.hash(String.class).hgetall(key),
                        (fields, tx) -> {
                            String sessionJson = fields == null ? null : fields.get(SESSION_FIELD);
                            if (sessionJson == null) {
                                return Uni.createFrom().voidItem();
                            }
                            ClassSessionState session = read(sessionJson, ClassSessionState.class);
                            if (!tenantId.equals(session.tenantId)
                                    || !(session.roster.contains(userId)
                                            || userId.equals(session.teacherId)
                                            || fields.containsKey(userId))) {
                                return Uni.createFrom().voidItem();
                            }
                            String pseudonym = pseudonym();
                            session.roster.replaceAll(member -> userId.equals(member) ? pseudonym : member);
                            if (userId.equals(session.teacherId)) {
                                session.teacherId = null;
                            }
                            Map<String, String> changes = new HashMap<>();
                            changes.put(SESSION_FIELD, write(session));
                            String totals = fields.get(userId);
                            if (totals == null) {
                                return tx.hash(String.class).hset(key, changes);
                            }
                            StudentAccumulator student = read(totals, StudentAccumulator.class);
                            student.userId = pseudonym;
                            changes.put(pseudonym, write(student));
                            return tx.hash(String.class)
                                    .hset(key, changes)
                                    .chain(() -> tx.hash(String.class).hdel(key, userId));
                        },
                        key)
                .chain(tx -> tx.discarded()
                        ? pseudonymise(key, tenantId, userId)
                        : Uni.createFrom().voidItem());
    }

    /**
     * A random stand-in for a deleted user: not a UUID, so a final record made of it carries no user id and
     * announces nothing.
     */
    static String pseudonym() {
        return "deleted-" + UUID.randomUUID();
    }

    private Uni<Void> dropIfOwned(String key, String tenantId, String userId) {
        return redis.hash(String.class).hgetall(key).chain(meta -> {
            if (meta == null || !tenantId.equals(meta.get("tenant")) || !userId.equals(meta.get("owner"))) {
                return Uni.createFrom().voidItem();
            }
            String sessionId = key.substring(PERSONAL_PREFIX.length());
            return redis.key()
                    .del(key, timelineKey(sessionId), framesKey(sessionId))
                    .replaceWithVoid();
        });
    }

    /** A personal session's frame: its outcome and, when applied or ignored as paused, what its live feed shows. */
    public record PersonalResult(Outcome outcome, PersonalLive live) {}

    /** What a running personal session's live feed is made of (see {@link PersonalLive#of}). */
    public record PersonalState(
            String status, List<TimelineSample> recent, PersonalReport.Reported reported, PersonalProgress progress) {}

    /** How many of the latest samples the current activity is inferred from (at most a few seconds of them). */
    private static final int RECENT_SAMPLES = 64;

    /**
     * Registers (or updates) a personal session, so its webcam frames are kept for the focus/activity timeline: its
     * tenant, owner and start, its pauses (frames taken in one are ignored) and its status. Written after each
     * change of the session, so a frame's transaction (which watches this hash) always sees the latest pauses.
     */
    public Uni<Void> savePersonalSession(
            String sessionId,
            String tenantId,
            String ownerId,
            long startedAt,
            List<PersonalReport.Span> pauses,
            String status) {
        String key = personalKey(sessionId);
        return redis.hash(String.class)
                .hset(
                        key,
                        Map.of(
                                "tenant", tenantId,
                                "owner", ownerId,
                                "startedAt", Long.toString(startedAt),
                                "pauses", write(pauses),
                                "status", status))
                .chain(() ->
                        redis.key().pexpire(key, config.processedFramesTtl().toMillis()))
                .replaceWithVoid();
    }

    /** The latest activity the owner reported (the live feed's current activity from then on). */
    public Uni<Void> saveReportedActivity(String sessionId, PersonalReport.Reported latest) {
        String key = personalKey(sessionId);
        return redis.key()
                .exists(key)
                .chain(exists -> !exists
                        ? Uni.createFrom().voidItem()
                        : redis.hash(String.class)
                                .hset(key, "reported", write(latest))
                                .replaceWithVoid());
    }

    /**
     * Appends the owner's sample of a webcam frame to a personal session's timeline, once per frame id, and updates
     * the focus so far. A frame of another tenant or user is not this session's; one taken before the start is not
     * applicable, one taken while paused is ignored ({@link Outcome#PAUSED}, said on the live feed).
     */
    public Uni<PersonalResult> appendSample(
            String sessionId, String frameId, String tenantId, String userId, TimelineSample sample) {
        String meta = personalKey(sessionId);
        String frames = framesKey(sessionId);
        String timeline = timelineKey(sessionId);
        String processed = processedId(frameId);
        long gapMs = config.gapTolerance().toMillis();
        return redis.withTransaction(
                        ds -> ds.hash(String.class).hgetall(meta).chain(fields -> {
                            if (fields == null
                                    || fields.get("owner") == null
                                    || !fields.get("owner").equals(userId)
                                    || !tenantId.equals(fields.get("tenant"))) {
                                return Uni.createFrom().item(new PersonalStep(Outcome.UNKNOWN_SESSION, null, null));
                            }
                            String startedAt = fields.get("startedAt");
                            if (startedAt != null && sample.t() < Long.parseLong(startedAt)) {
                                return Uni.createFrom().item(new PersonalStep(Outcome.NOT_APPLICABLE, null, null));
                            }
                            List<PersonalReport.Span> pauses = pauses(fields);
                            boolean paused = PersonalReport.paused(sample.t(), pauses);
                            return ds.set(String.class)
                                    .sismember(frames, processed)
                                    .chain(seen -> seen
                                            ? Uni.createFrom().item(new PersonalStep(Outcome.DUPLICATE, null, null))
                                            : ds.list(String.class)
                                                    .lrange(timeline, -RECENT_SAMPLES, -1)
                                                    .map(items -> {
                                                        var state = state(fields, items);
                                                        if (paused) {
                                                            return new PersonalStep(
                                                                    Outcome.PAUSED,
                                                                    state.progress(),
                                                                    live(state, PersonalLive.IGNORED_PAUSED));
                                                        }
                                                        state.progress().add(sample, gapMs, pauses);
                                                        List<TimelineSample> recent = new ArrayList<>(state.recent());
                                                        recent.add(sample);
                                                        recent.removeIf(
                                                                s -> s.t() < sample.t() - ActivityInference.WINDOW_MS
                                                                        || s.t() > sample.t());
                                                        recent.sort(Comparator.comparingLong(TimelineSample::t));
                                                        var next = new PersonalState(
                                                                state.status(),
                                                                recent,
                                                                state.reported(),
                                                                state.progress());
                                                        return new PersonalStep(
                                                                Outcome.APPLIED, state.progress(), live(next, null));
                                                    }));
                        }),
                        (step, tx) -> step.outcome() != Outcome.APPLIED
                                ? Uni.createFrom().voidItem()
                                : tx.list(String.class)
                                        .rpush(timeline, write(sample))
                                        .chain(() -> tx.set(String.class).sadd(frames, processed))
                                        .chain(() ->
                                                tx.hash(String.class).hset(meta, "progress", write(step.progress())))
                                        .chain(() -> expireAll(tx, sessionId)),
                        meta,
                        frames)
                .chain(tx -> tx.discarded()
                        ? appendSample(sessionId, frameId, tenantId, userId, sample)
                        : Uni.createFrom()
                                .item(new PersonalResult(
                                        tx.getPreTransactionResult().outcome(),
                                        tx.getPreTransactionResult().live())));
    }

    /** The outcome of a personal frame's reads, and what its transaction writes. */
    private record PersonalStep(Outcome outcome, PersonalProgress progress, PersonalLive live) {}

    private static PersonalLive live(PersonalState state, String ignored) {
        return PersonalLive.of(state.status(), state.recent(), state.reported(), state.progress(), ignored);
    }

    /** A personal session's live state (null when it has none: unknown, ended, or its keys expired). */
    public Uni<PersonalState> personalState(String sessionId) {
        return redis.hash(String.class).hgetall(personalKey(sessionId)).chain(fields -> {
            if (fields == null || fields.get("owner") == null) {
                return Uni.createFrom().nullItem();
            }
            return redis.list(String.class)
                    .lrange(timelineKey(sessionId), -RECENT_SAMPLES, -1)
                    .map(items -> {
                        var state = state(fields, items);
                        if (state.recent().isEmpty()) {
                            return state;
                        }
                        long latest =
                                state.recent().get(state.recent().size() - 1).t();
                        List<TimelineSample> recent = state.recent().stream()
                                .filter(s -> s.t() >= latest - ActivityInference.WINDOW_MS)
                                .toList();
                        return new PersonalState(state.status(), recent, state.reported(), state.progress());
                    });
        });
    }

    private PersonalState state(Map<String, String> fields, List<String> items) {
        List<TimelineSample> recent = new ArrayList<>();
        for (String item : items) {
            recent.add(read(item, TimelineSample.class));
        }
        recent.sort(Comparator.comparingLong(TimelineSample::t));
        String progress = fields.get("progress");
        String reported = fields.get("reported");
        return new PersonalState(
                fields.getOrDefault("status", "ACTIVE"),
                recent,
                reported == null ? null : read(reported, PersonalReport.Reported.class),
                progress == null ? new PersonalProgress() : read(progress, PersonalProgress.class));
    }

    private List<PersonalReport.Span> pauses(Map<String, String> fields) {
        String pauses = fields.get("pauses");
        return pauses == null ? List.of() : List.of(read(pauses, PersonalReport.Span[].class));
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
