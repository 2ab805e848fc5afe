package io.classroom.analytics.repository;

import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.facet;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Aggregates.unwind;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.Facet;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import io.classroom.analytics.App;
import io.classroom.analytics.TrackedSession;
import io.quarkus.mongodb.panache.common.ProjectionFor;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Personal and class sessions: upserts from events, the heatmap aggregation and the ownership checks. */
@ApplicationScoped
public class SessionRepository implements ReactivePanacheMongoRepositoryBase<TrackedSession, String> {

    private static final long QUARTER_MILLIS = 15 * 60 * 1000L;

    public static String id(String tenantId, String sessionId) {
        return tenantId + "/" + sessionId;
    }

    /**
     * Sets the given fields (null values are skipped) on the session, creating it when missing; {@code defaults} are
     * set when it is created, each unless {@code fields} sets it.
     */
    public Uni<Void> upsert(
            String tenantId, String sessionId, TrackedSession.Kind kind, Document fields, Document defaults) {
        var set = new Document("tenantId", tenantId)
                .append("sessionId", sessionId)
                .append("kind", kind.name());
        fields.forEach((key, value) -> {
            if (value != null) {
                set.append(key, value instanceof Instant instant ? Date.from(instant) : value);
            }
        });
        if (fields.get("startedAt") instanceof Instant startedAt) {
            set.append(
                    "startQuarter", startedAt.toEpochMilli() - Math.floorMod(startedAt.toEpochMilli(), QUARTER_MILLIS));
        }
        var update = new Document("$set", set);
        var onInsert = new Document();
        defaults.forEach((key, value) -> {
            if (!set.containsKey(key)) {
                onInsert.append(key, value);
            }
        });
        if (!onInsert.isEmpty()) {
            update.append("$setOnInsert", onInsert);
        }
        return mongoCollection()
                .updateOne(eq("_id", id(tenantId, sessionId)), update, new UpdateOptions().upsert(true))
                .replaceWithVoid();
    }

    /**
     * Sessions started in {@code [from, to)} within the scope: counts per 15-minute start bucket, distinct users and the
     * total duration of the ended sessions.
     */
    public Uni<HeatmapRows> heatmapRows(Bson scope, Instant from, Instant to) {
        Bson range = and(scope, gte("startedAt", from), lt("startedAt", to));
        var facets = List.of(
                new Facet("quarters", group("$startQuarter", sum("n", 1))),
                new Facet("users", unwind("$userIds"), group("$userIds"), group(null, sum("n", 1))),
                new Facet(
                        "ended",
                        match(ne("durationSeconds", null)),
                        group(null, sum("n", 1), sum("seconds", "$durationSeconds"))));
        return mongoCollection()
                .aggregate(List.of(match(range), facet(facets)), Document.class)
                .collect()
                .first()
                .map(result -> {
                    List<long[]> quarters = new ArrayList<>();
                    for (Document row : result.getList("quarters", Document.class, List.of())) {
                        if (row.get("_id") instanceof Number quarter) {
                            quarters.add(new long[] {quarter.longValue(), ((Number) row.get("n")).longValue()});
                        }
                    }
                    long users = single(result, "users", "n");
                    long ended = single(result, "ended", "n");
                    long seconds = single(result, "ended", "seconds");
                    return new HeatmapRows(quarters, users, ended, seconds);
                });
    }

    private static long single(Document result, String facet, String field) {
        List<Document> rows = result.getList(facet, Document.class, List.of());
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(field)).longValue();
    }

    public Uni<TrackedSession> findClassSession(String tenantId, String sessionId) {
        return findById(id(tenantId, sessionId))
                .map(found -> found != null && found.kind == TrackedSession.Kind.CLASS ? found : null);
    }

    /** Ids of the class sessions whose roster names the user. */
    public Uni<List<String>> classSessionIdsOf(String tenantId, String userId) {
        return find("tenantId = ?1 and kind = ?2 and userIds = ?3", tenantId, TrackedSession.Kind.CLASS.name(), userId)
                .project(SessionIdOnly.class)
                .list()
                .map(found -> found.stream().map(SessionIdOnly::sessionId).toList());
    }

    /** Projection of {@link #classSessionIdsOf}. */
    @ProjectionFor(TrackedSession.class)
    public record SessionIdOnly(String sessionId) {}

    /** Class sessions of a class started in {@code [from, to)}, oldest first. */
    public Uni<List<TrackedSession>> classSessions(String tenantId, String classId, Instant from, Instant to) {
        return find(
                        "tenantId = ?1 and kind = ?2 and classId = ?3 and startedAt >= ?4 and startedAt < ?5",
                        Sort.ascending("startedAt"),
                        tenantId,
                        TrackedSession.Kind.CLASS.name(),
                        classId,
                        from,
                        to)
                .list();
    }

    public Uni<Boolean> teachesClass(String tenantId, String teacherId, String classId) {
        return count(
                        "tenantId = ?1 and kind = ?2 and classId = ?3 and ownerId = ?4",
                        tenantId,
                        TrackedSession.Kind.CLASS.name(),
                        classId,
                        teacherId)
                .map(n -> n > 0);
    }

    public Uni<Boolean> hasClassSessions(String tenantId, String classId) {
        return count(
                        "tenantId = ?1 and kind = ?2 and classId = ?3",
                        tenantId,
                        TrackedSession.Kind.CLASS.name(),
                        classId)
                .map(n -> n > 0);
    }

    public Uni<Boolean> teachesStudent(String tenantId, String teacherId, String studentId) {
        return count(
                        "tenantId = ?1 and kind = ?2 and ownerId = ?3 and userIds = ?4",
                        tenantId,
                        TrackedSession.Kind.CLASS.name(),
                        teacherId,
                        studentId)
                .map(n -> n > 0);
    }

    /**
     * Replaces a deleted user's id as owner, roster member and webcam, and drops the titles of their personal
     * sessions (free text they wrote).
     */
    public Uni<Void> pseudonymise(String tenantId, String userId, String pseudonym) {
        Uni<?> titles = mongoCollection()
                .updateMany(
                        and(
                                eq("tenantId", tenantId),
                                eq("ownerId", userId),
                                eq("kind", TrackedSession.Kind.PERSONAL.name())),
                        new Document("$unset", new Document("title", "")));
        Uni<?> owner = mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("ownerId", userId)),
                        new Document("$set", new Document("ownerId", pseudonym)));
        Uni<?> member = mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("userIds", userId)),
                        new Document("$set", new Document("userIds.$", pseudonym)));
        Uni<?> webcam = mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("cameraIds", ObservationRepository.WEBCAM + userId)),
                        new Document("$set", new Document("cameraIds.$", ObservationRepository.WEBCAM + pseudonym)));
        return titles.chain(() -> owner).chain(() -> member).chain(() -> webcam).replaceWithVoid();
    }

    /**
     * Gives the personal sessions stored before sessions named their application to {@link App#DEFAULT}; the item:
     * how many.
     */
    public Uni<Long> assignDefaultApp() {
        return mongoCollection()
                .updateMany(
                        and(eq("kind", TrackedSession.Kind.PERSONAL.name()), exists("app", false)),
                        new Document("$set", new Document("app", App.DEFAULT)))
                .map(UpdateResult::getModifiedCount);
    }

    /** Whether any session of the tenant names the user as owner or roster member. */
    public Uni<Boolean> involves(String tenantId, String userId) {
        return mongoCollection()
                .countDocuments(and(eq("tenantId", tenantId), or(eq("ownerId", userId), eq("userIds", userId))))
                .map(n -> n > 0);
    }

    /** Whether the student is on the roster of at least one session of the class. */
    public Uni<Boolean> attendsClass(String tenantId, String studentId, String classId) {
        return count(
                        "tenantId = ?1 and kind = ?2 and classId = ?3 and userIds = ?4",
                        tenantId,
                        TrackedSession.Kind.CLASS.name(),
                        classId,
                        studentId)
                .map(n -> n > 0);
    }

    /** Session counts per 15-minute start bucket ({@code [epochMillis, count]}), distinct users, ended sessions. */
    public record HeatmapRows(List<long[]> quarters, long distinctUsers, long endedSessions, long endedSeconds) {}
}
