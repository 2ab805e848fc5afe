package io.classroom.classroom.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.classroom.classroom.Enrolment;
import io.classroom.classroom.OccurrenceClaim;
import io.classroom.classroom.SchoolClass;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.conversions.Bson;

/** Classes; every query filters by tenant and only uses typed filters (no query strings from input). */
@ApplicationScoped
public class ClassRepository implements ReactivePanacheMongoRepositoryBase<SchoolClass, String> {

    /** The scheduler's query and sort key (index {@code nextOccurrenceAt}). */
    static final String NEXT_OCCURRENCE_AT = "nextOccurrenceAt";

    private static final String OCCURRENCE_START = "occurrenceClaim.start";

    /**
     * Which classes a "my classes" listing covers: those taught by {@code teacherId} or attended by {@code studentId}
     * (neither: the whole tenant), narrowed to those with {@code rosterMember} on their roster when it is set.
     */
    public record Scope(
            String tenantId,
            String teacherId,
            String studentId,
            String rosterMember,
            boolean includeArchived,
            String query) {}

    public Uni<SchoolClass> findInTenant(String tenantId, String id) {
        return find(byId(tenantId, id)).firstResult();
    }

    public Uni<SchoolClass> findByJoinCode(String tenantId, String joinCode) {
        return find(and(eq("tenantId", tenantId), eq("joinCode", joinCode))).firstResult();
    }

    public Uni<List<SchoolClass>> list(Scope scope, int page, int size) {
        return find(filter(scope), Sorts.ascending("title", "_id"))
                .page(Page.of(page, size))
                .list();
    }

    public Uni<Long> count(Scope scope) {
        return count(filter(scope));
    }

    private static Bson filter(Scope scope) {
        List<Bson> filters = new ArrayList<>();
        filters.add(eq("tenantId", scope.tenantId()));
        if (scope.teacherId() != null && scope.studentId() != null) {
            filters.add(or(eq("teacherId", scope.teacherId()), eq("students.userId", scope.studentId())));
        } else if (scope.teacherId() != null) {
            filters.add(eq("teacherId", scope.teacherId()));
        } else if (scope.studentId() != null) {
            filters.add(eq("students.userId", scope.studentId()));
        }
        if (scope.rosterMember() != null) {
            filters.add(eq("students.userId", scope.rosterMember()));
        }
        if (!scope.includeArchived()) {
            filters.add(eq("archived", false));
        }
        if (scope.query() != null && !scope.query().isBlank()) {
            // Quoted: the search text is matched literally, never interpreted as a pattern or an operator.
            filters.add(regex("title", Pattern.quote(scope.query().strip()), "i"));
        }
        return and(filters);
    }

    public Uni<SchoolClass> updateDetails(String tenantId, String id, Bson changes) {
        return mongoCollection()
                .findOneAndUpdate(
                        byId(tenantId, id),
                        changes,
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Archives a class that has no active session (the scheduler leaves it); false when it has one (or is gone). */
    public Uni<Boolean> archive(String tenantId, String id, Instant now) {
        return mongoCollection()
                .updateOne(
                        and(byId(tenantId, id), eq("activeSessionId", null)),
                        Updates.combine(
                                Updates.set("archived", true),
                                Updates.set("updatedAt", now),
                                Updates.unset(NEXT_OCCURRENCE_AT)))
                .map(r -> r.getMatchedCount() == 1);
    }

    /** Adds a student unless already enrolled or the class is archived; true when the roster changed. */
    public Uni<Boolean> enrol(String tenantId, String id, Enrolment enrolment) {
        return mongoCollection()
                .updateOne(
                        and(byId(tenantId, id), eq("archived", false), ne("students.userId", enrolment.userId)),
                        Updates.push("students", enrolment))
                .map(r -> r.getModifiedCount() == 1);
    }

    public Uni<Void> unenrol(String tenantId, String id, String userId) {
        return mongoCollection()
                .updateOne(byId(tenantId, id), Updates.pull("students", eq("userId", userId)))
                .replaceWithVoid();
    }

    /**
     * Marks {@code sessionId} as the class's active session if the active session is still {@code expected} (null
     * or a stale ended one): two concurrent activations cannot both succeed, without transactions.
     */
    public Uni<Boolean> claimActiveSession(String tenantId, String id, String expected, String sessionId, Instant now) {
        return mongoCollection()
                .updateOne(
                        and(byId(tenantId, id), eq("archived", false), eq("activeSessionId", expected)),
                        Updates.combine(
                                Updates.set("activeSessionId", sessionId), Updates.set("activeSessionClaimedAt", now)))
                .map(r -> r.getModifiedCount() == 1);
    }

    /**
     * The scheduled form of {@link #claimActiveSession}: the same conditional update also takes the occurrence starting
     * at {@code occurrenceStart}, unless it is taken already (by a claim other than {@code staleSessionId}'s, the
     * session of a crashed activation being taken over). One write, so the occurrence is started once however many
     * replicas and ticks try.
     */
    public Uni<Boolean> claimOccurrence(
            String tenantId,
            String id,
            String expected,
            String sessionId,
            Instant now,
            Instant occurrenceStart,
            String staleSessionId) {
        var claim = new OccurrenceClaim();
        claim.start = occurrenceStart;
        claim.sessionId = sessionId;
        claim.claimedAt = now;
        var free = staleSessionId == null
                ? ne(OCCURRENCE_START, Date.from(occurrenceStart))
                : eq("occurrenceClaim.sessionId", staleSessionId);
        return mongoCollection()
                .updateOne(
                        and(byId(tenantId, id), eq("archived", false), eq("activeSessionId", expected), free),
                        Updates.combine(
                                Updates.set("activeSessionId", sessionId),
                                Updates.set("activeSessionClaimedAt", now),
                                Updates.set("occurrenceClaim", claim)))
                .map(r -> r.getModifiedCount() == 1);
    }

    /** Classes (of every tenant) whose next occurrence has started by {@code now}, earliest first. */
    public Multi<SchoolClass> scheduleDue(Instant now) {
        return find(
                and(lte(NEXT_OCCURRENCE_AT, Date.from(now)), eq("archived", false)),
                Sorts.ascending(NEXT_OCCURRENCE_AT))
                .stream();
    }

    /**
     * Moves the class on to the occurrence starting at {@code next} (none: null) if nobody moved it since it was read
     * at {@code expected}.
     */
    public Uni<Void> advanceSchedule(String tenantId, String id, Instant expected, Instant next) {
        return mongoCollection()
                .updateOne(
                        and(byId(tenantId, id), eq(NEXT_OCCURRENCE_AT, expected == null ? null : Date.from(expected))),
                        next == null ? Updates.unset(NEXT_OCCURRENCE_AT) : Updates.set(NEXT_OCCURRENCE_AT, next))
                .replaceWithVoid();
    }

    /** Classes with schedule days but no next occurrence: stored before the scheduler existed. */
    public Multi<SchoolClass> unscheduled() {
        return find(and(exists(NEXT_OCCURRENCE_AT, false), eq("archived", false), exists("schedule.days.0"))).stream();
    }

    /** Sets the next occurrence of a class stored before the scheduler existed (replicas starting together agree). */
    public Uni<Void> initSchedule(String tenantId, String id, Instant next) {
        return mongoCollection()
                .updateOne(
                        and(byId(tenantId, id), exists(NEXT_OCCURRENCE_AT, false)),
                        Updates.set(NEXT_OCCURRENCE_AT, next))
                .replaceWithVoid();
    }

    public Uni<Void> releaseActiveSession(String tenantId, String id, String sessionId) {
        return mongoCollection()
                .updateOne(
                        and(byId(tenantId, id), eq("activeSessionId", sessionId)),
                        Updates.combine(
                                Updates.set("activeSessionId", null), Updates.set("activeSessionClaimedAt", null)))
                .replaceWithVoid();
    }

    public Uni<Void> removeStudentEverywhere(String tenantId, String userId) {
        return mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("students.userId", userId)),
                        Updates.pull("students", eq("userId", userId)))
                .replaceWithVoid();
    }

    public Uni<Void> renameStudentEverywhere(String tenantId, String userId, String displayName) {
        return mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("students.userId", userId)),
                        Updates.set("students.$.displayName", displayName))
                .replaceWithVoid();
    }

    public Uni<Void> clearDefaultRoom(String tenantId, String roomId) {
        return mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("defaultRoomId", roomId)), Updates.set("defaultRoomId", null))
                .replaceWithVoid();
    }

    public Uni<Boolean> deleteInTenant(String tenantId, String id) {
        return delete(byId(tenantId, id)).map(n -> n == 1);
    }

    private static Bson byId(String tenantId, String id) {
        return and(eq("_id", id), eq("tenantId", tenantId));
    }
}
