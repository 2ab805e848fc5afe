package io.classroom.classroom.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.SessionState;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.conversions.Bson;

/** Class sessions; enums are matched by name, times as BSON dates. */
@ApplicationScoped
public class ClassSessionRepository implements ReactivePanacheMongoRepositoryBase<ClassSession, String> {

    /** Which sessions a listing covers; null fields do not filter. */
    public record Scope(String tenantId, String classId, String teacherId, SessionState state) {}

    public Uni<ClassSession> findInTenant(String tenantId, String id) {
        return find(and(eq("_id", id), eq("tenantId", tenantId))).firstResult();
    }

    public Uni<List<ClassSession>> list(Scope scope, int page, int size) {
        return find(filter(scope), Sorts.descending("startedAt", "_id"))
                .page(Page.of(page, size))
                .list();
    }

    public Uni<Long> count(Scope scope) {
        return count(filter(scope));
    }

    private static Bson filter(Scope scope) {
        List<Bson> filters = new ArrayList<>();
        filters.add(eq("tenantId", scope.tenantId()));
        if (scope.classId() != null) {
            filters.add(eq("classId", scope.classId()));
        }
        if (scope.teacherId() != null) {
            filters.add(eq("teacherId", scope.teacherId()));
        }
        if (scope.state() != null) {
            filters.add(eq("state", scope.state().name()));
        }
        return and(filters);
    }

    /** Ends the session if it is still active; null when it was not (already ended or unknown). */
    public Uni<ClassSession> end(String id, EndReason reason, Instant now) {
        return mongoCollection()
                .findOneAndUpdate(
                        and(eq("_id", id), eq("state", SessionState.ACTIVE.name())),
                        Updates.combine(
                                Updates.set("state", SessionState.ENDED.name()),
                                Updates.set("endedAt", Date.from(now)),
                                Updates.set("endReason", reason.name()),
                                Updates.set("endEventId", UUID.randomUUID().toString()),
                                Updates.set("endEventSent", false)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Active sessions (of every tenant) whose planned end is before {@code cutoff}. */
    public Uni<List<ClassSession>> findOverdue(Instant cutoff, int limit) {
        return find(and(eq("state", SessionState.ACTIVE.name()), lt("plannedEnd", Date.from(cutoff))))
                .page(Page.ofSize(limit))
                .list();
    }

    /** Sessions (of every tenant) with an event not yet acknowledged by Kafka and older than {@code cutoff}. */
    public Uni<List<ClassSession>> findUnsent(Instant cutoff, int limit) {
        var date = Date.from(cutoff);
        return find(or(
                        and(eq("startEventSent", false), lt("startedAt", date)),
                        and(eq("endEventSent", false), lt("endedAt", date))))
                .page(Page.ofSize(limit))
                .list();
    }

    public Uni<Void> markStartSent(String id) {
        return mongoCollection()
                .updateOne(eq("_id", id), Updates.set("startEventSent", true))
                .replaceWithVoid();
    }

    public Uni<Void> markEndSent(String id) {
        return mongoCollection()
                .updateOne(eq("_id", id), Updates.set("endEventSent", true))
                .replaceWithVoid();
    }

    /** Replaces a deleted user's id in roster snapshots by a random one: the history keeps its head count only. */
    public Uni<Void> anonymiseRosters(String tenantId, String userId) {
        return mongoCollection()
                .updateMany(
                        and(eq("tenantId", tenantId), eq("roster", userId)),
                        Updates.set("roster.$", UUID.randomUUID().toString()))
                .replaceWithVoid();
    }
}
