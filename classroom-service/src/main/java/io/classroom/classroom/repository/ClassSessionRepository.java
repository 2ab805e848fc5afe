package io.classroom.classroom.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.Occurrence;
import io.classroom.classroom.OutboxEntry;
import io.classroom.classroom.SessionState;
import io.classroom.classroom.SessionTrigger;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Class sessions; enums are matched by name, times as BSON dates. */
@ApplicationScoped
public class ClassSessionRepository implements ReactivePanacheMongoRepositoryBase<ClassSession, String> {

    /** The outbox relay's query and sort key (index {@code outbox_createdAt}). */
    static final String OUTBOX_CREATED_AT = "outbox.createdAt";

    /** The previous version's outbox flags: an event id per session event, and whether Kafka acknowledged it. */
    private static final Bson LEGACY_UNSENT = or(eq("startEventSent", false), eq("endEventSent", false));

    private static final Bson UNSET_LEGACY_FLAGS = Updates.combine(
            Updates.unset("startEventId"),
            Updates.unset("startEventSent"),
            Updates.unset("endEventId"),
            Updates.unset("endEventSent"));

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

    /**
     * Ends the session if it is still active, adding {@code announcement} to its outbox in the same update; null when
     * it was not active (already ended or unknown), and then nothing is stored.
     */
    public Uni<ClassSession> end(String id, EndReason reason, Instant now, OutboxEntry announcement) {
        return mongoCollection()
                .findOneAndUpdate(
                        and(eq("_id", id), eq("state", SessionState.ACTIVE.name())),
                        Updates.combine(
                                Updates.set("state", SessionState.ENDED.name()),
                                Updates.set("endedAt", Date.from(now)),
                                Updates.set("endReason", reason.name()),
                                Updates.push("outbox", announcement)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Active sessions (of every tenant) whose planned end is before {@code cutoff}. */
    public Uni<List<ClassSession>> findOverdue(Instant cutoff, int limit) {
        return find(and(eq("state", SessionState.ACTIVE.name()), lt("plannedEnd", Date.from(cutoff))))
                .page(Page.ofSize(limit))
                .list();
    }

    /** Active sessions (of every tenant) started by the scheduler whose planned end has come by {@code now}. */
    public Multi<ClassSession> scheduledEndingBy(Instant now) {
        return find(and(
                        eq("state", SessionState.ACTIVE.name()),
                        eq("trigger", SessionTrigger.SCHEDULE.name()),
                        lte("plannedEnd", Date.from(now))))
                .stream();
    }

    /**
     * A session of the class started by hand that runs during {@code occurrence} (index {@code
     * tenant_class_startedAt}): a teacher who started the class early, or late after a skipped start, serves the
     * occurrence, and ending it by hand is final.
     */
    public Uni<ClassSession> findManualDuring(String tenantId, String classId, Occurrence occurrence) {
        return find(
                        and(
                                eq("tenantId", tenantId),
                                eq("classId", classId),
                                lt("startedAt", Date.from(occurrence.end())),
                                ne("trigger", SessionTrigger.SCHEDULE.name()),
                                or(eq("endedAt", null), gt("endedAt", Date.from(occurrence.start())))),
                        Sorts.descending("startedAt"))
                .firstResult();
    }

    /** Sessions (of every tenant) with outbox entries, the one with the oldest entry first. */
    public Uni<List<ClassSession>> withPendingEvents(int limit) {
        // Only dates match (no entry: no key in the index); an array sorts ascending by its smallest element.
        return find(gte(OUTBOX_CREATED_AT, Date.from(Instant.EPOCH)), Sorts.ascending(OUTBOX_CREATED_AT))
                .page(Page.ofSize(limit))
                .list();
    }

    /** Removes a published entry from its session's outbox. */
    public Uni<Void> pullOutboxEntry(String id, String eventId) {
        return mongoCollection()
                .updateOne(eq("_id", id), Updates.pull("outbox", eq("eventId", eventId)))
                .replaceWithVoid();
    }

    /** A session stored by the version before the outbox array, with the ids of its events Kafka never acknowledged. */
    public record LegacyUnsent(String id, String startEventId, String endEventId) {}

    /** Sessions of the version before the outbox array whose start or end event was never acknowledged. */
    public Uni<List<LegacyUnsent>> findLegacyUnsent() {
        return mongoCollection()
                .withDocumentClass(Document.class)
                .find(LEGACY_UNSENT)
                .map(d -> new LegacyUnsent(
                        d.getString("_id"),
                        Boolean.FALSE.equals(d.get("startEventSent")) ? d.getString("startEventId") : null,
                        Boolean.FALSE.equals(d.get("endEventSent")) ? d.getString("endEventId") : null))
                .collect()
                .asList();
    }

    /**
     * Moves a legacy session's unsent events into its outbox and drops its flags, in one update; false when another
     * replica converted it first.
     */
    public Uni<Boolean> convertLegacy(String id, List<OutboxEntry> entries) {
        return mongoCollection()
                .updateOne(
                        and(eq("_id", id), LEGACY_UNSENT),
                        Updates.combine(Updates.pushEach("outbox", entries), UNSET_LEGACY_FLAGS))
                .map(r -> r.getModifiedCount() == 1);
    }

    /** Drops the flags of legacy sessions whose events were all sent. */
    public Uni<Void> dropSentLegacyFlags() {
        return mongoCollection()
                .updateMany(
                        and(exists("startEventSent"), ne("startEventSent", false), ne("endEventSent", false)),
                        UNSET_LEGACY_FLAGS)
                .replaceWithVoid();
    }

    /** Active sessions of every tenant (index {@code state_plannedEnd}). */
    public Multi<ClassSession> active() {
        return find(eq("state", SessionState.ACTIVE.name())).stream();
    }

    /** Sessions of the tenant whose roster snapshot holds the user (index {@code tenant_roster}). */
    public Multi<ClassSession> withRosterMember(String tenantId, String userId) {
        return find(and(eq("tenantId", tenantId), eq("roster", userId))).stream();
    }

    /**
     * Replaces a deleted user's id by {@code pseudonym} in one session: first in the events still waiting in its
     * outbox, then in its roster snapshot (the query that finds the session), so a repeated run finds what a crash
     * left undone. Each session gets a pseudonym of its own: the history keeps its head count without a link between
     * sessions.
     */
    public Uni<Void> pseudonymise(ClassSession session, String userId, String pseudonym) {
        var quoted = "\"" + userId + "\"";
        var pending = session.outbox == null
                ? List.<OutboxEntry>of()
                : session.outbox.stream()
                        .filter(e -> e.payload != null && e.payload.contains(quoted))
                        .toList();
        return Multi.createFrom()
                .iterable(pending)
                .onItem()
                .transformToUniAndConcatenate(e -> mongoCollection()
                        .updateOne(
                                and(eq("_id", session.id), eq("outbox.eventId", e.eventId)),
                                Updates.set("outbox.$.payload", e.payload.replace(quoted, "\"" + pseudonym + "\""))))
                .collect()
                .last()
                .chain(() -> mongoCollection()
                        .updateOne(
                                and(eq("_id", session.id), eq("roster", userId)), Updates.set("roster.$", pseudonym)))
                .replaceWithVoid();
    }
}
