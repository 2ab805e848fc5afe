package io.classroom.analytics.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.UpdateOptions;
import io.classroom.analytics.AttendanceRecord;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Attendance rows, one per student and class session (unique index on tenant, session, user). */
@ApplicationScoped
public class AttendanceRepository implements ReactivePanacheMongoRepository<AttendanceRecord> {

    /**
     * Stores a newer state of a row: an older event never overwrites a newer one and an update never overwrites a
     * finalized row (the upsert then collides with the unique index, which means "nothing to do").
     */
    public Uni<Void> upsert(AttendanceRecord row) {
        Bson newer = or(exists("updatedAt", false), lte("updatedAt", Date.from(row.updatedAt)));
        Bson filter =
                and(eq("tenantId", row.tenantId), eq("sessionId", row.sessionId), eq("userId", row.userId), newer);
        if (!row.finalized) {
            filter = and(filter, ne("finalized", true));
        }
        var set = new Document("tenantId", row.tenantId)
                .append("sessionId", row.sessionId)
                .append("classId", row.classId)
                .append("userId", row.userId)
                .append("status", row.status)
                .append("presentSeconds", row.presentSeconds)
                .append("engagedSeconds", row.engagedSeconds)
                .append("engagementPct", row.engagementPct)
                .append("late", row.late)
                .append("leftEarly", row.leftEarly)
                .append("firstSeenAt", date(row.firstSeenAt))
                .append("lastSeenAt", date(row.lastSeenAt))
                .append("sessionStartedAt", date(row.sessionStartedAt))
                .append("sessionEndedAt", date(row.sessionEndedAt))
                .append("finalized", row.finalized)
                .append("updatedAt", date(row.updatedAt));
        return mongoCollection()
                .updateOne(filter, new Document("$set", set), new UpdateOptions().upsert(true))
                .replaceWithVoid()
                .onFailure(MongoErrors::isDuplicateKey)
                .recoverWithNull();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** Rows of one session, optionally of one student, by user id. */
    public Uni<List<AttendanceRecord>> bySession(String tenantId, String sessionId, String userId) {
        if (userId == null) {
            return find("tenantId = ?1 and sessionId = ?2", Sort.ascending("userId"), tenantId, sessionId)
                    .list();
        }
        return find(
                        "tenantId = ?1 and sessionId = ?2 and userId = ?3",
                        Sort.ascending("userId"),
                        tenantId,
                        sessionId,
                        userId)
                .list();
    }

    /** Rows of a class whose session started in {@code [from, to)}, optionally of one student. */
    public Uni<List<AttendanceRecord>> byClass(
            String tenantId, String classId, Instant from, Instant to, String userId) {
        if (userId == null) {
            return find(
                            "tenantId = ?1 and classId = ?2 and sessionStartedAt >= ?3 and sessionStartedAt < ?4",
                            Sort.ascending("sessionStartedAt"),
                            tenantId,
                            classId,
                            from,
                            to)
                    .list();
        }
        return find(
                        "tenantId = ?1 and classId = ?2 and sessionStartedAt >= ?3 and sessionStartedAt < ?4 and userId = ?5",
                        Sort.ascending("sessionStartedAt"),
                        tenantId,
                        classId,
                        from,
                        to,
                        userId)
                .list();
    }

    public Uni<Void> pseudonymise(String tenantId, String userId, String pseudonym) {
        return mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("userId", userId)),
                        new Document("$set", new Document("userId", pseudonym)))
                .replaceWithVoid();
    }
}
