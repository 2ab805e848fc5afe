package io.classroom.tracking.service;

import io.classroom.tracking.AttendanceEngine;
import io.classroom.tracking.AttendanceOutcome;
import io.classroom.tracking.AttendanceOverride;
import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import io.classroom.tracking.ClassSession;
import io.classroom.tracking.ClassSessionMember;
import io.classroom.tracking.ClassSessionState;
import io.classroom.tracking.config.TrackingConfig;
import io.classroom.tracking.messaging.AttendanceFinalized;
import io.classroom.tracking.messaging.ClassSessionEvent;
import io.classroom.tracking.messaging.Outbox;
import io.classroom.tracking.messaging.OutboxRelay;
import io.classroom.tracking.repository.AttendanceOverrideRepository;
import io.classroom.tracking.repository.AttendanceRecordRepository;
import io.classroom.tracking.repository.ClassSessionMemberRepository;
import io.classroom.tracking.repository.ClassSessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Class-session lifecycle: start (live state + durable summary), end (final records + events), overrides. */
@ApplicationScoped
public class AttendanceService {

    private final LiveStateStore store;
    private final ClassSessionRepository sessions;
    private final AttendanceRecordRepository records;
    private final AttendanceOverrideRepository overrides;
    private final ClassSessionMemberRepository members;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AttendanceEngine engine;

    public AttendanceService(
            LiveStateStore store,
            ClassSessionRepository sessions,
            AttendanceRecordRepository records,
            AttendanceOverrideRepository overrides,
            ClassSessionMemberRepository members,
            Outbox outbox,
            OutboxRelay relay,
            TrackingConfig config) {
        this.store = store;
        this.sessions = sessions;
        this.records = records;
        this.overrides = overrides;
        this.members = members;
        this.outbox = outbox;
        this.relay = relay;
        this.engine = new AttendanceEngine(config.rules());
    }

    public AttendanceEngine engine() {
        return engine;
    }

    /**
     * Starts tracking a class session; a redelivered start changes nothing. A roster member deleted before the start
     * arrived (the topics are not ordered) is kept only as a pseudonym, so the counts stay and nobody is named.
     */
    public Uni<Void> start(ClassSessionEvent event) {
        return store.deletedAmong(event.tenantId(), event.roster()).chain(deleted -> start(event, deleted));
    }

    private Uni<Void> start(ClassSessionEvent event, Set<String> deleted) {
        var state = new ClassSessionState();
        state.sessionId = event.sessionId().toString();
        state.tenantId = event.tenantId();
        state.classId = event.classId();
        state.teacherId = deleted.contains(event.teacherId()) ? null : event.teacherId();
        state.roster = event.roster().stream()
                .map(member -> deleted.contains(member) ? LiveStateStore.pseudonym() : member)
                .toList();
        state.cameraIds = event.cameraIds() == null ? List.of() : List.copyOf(event.cameraIds());
        state.startedAt = event.startedAt().toEpochMilli();
        state.scheduledStart =
                event.scheduledStart() == null ? null : event.scheduledStart().toEpochMilli();
        state.plannedEnd =
                event.plannedEnd() == null ? null : event.plannedEnd().toEpochMilli();
        state.thresholdPct = event.attendanceThreshold() == null ? 75 : event.attendanceThreshold();
        state.lateGraceSeconds = event.lateGraceSeconds() == null ? 300 : event.lateGraceSeconds();
        UUID id = event.sessionId();
        return store.createClassSession(state)
                .chain(() -> Panache.withTransaction(() -> sessions.findById(id)
                        .chain(existing -> existing != null
                                ? Uni.createFrom().voidItem()
                                : sessions.persist(summary(id, event, state))
                                        .chain(() -> storeRoster(id, state))
                                        .replaceWithVoid())));
    }

    /** The roster, durably: which teacher may see which student's personal sessions (pseudonyms are nobody). */
    private Uni<Void> storeRoster(UUID sessionId, ClassSessionState state) {
        List<ClassSessionMember> rows = new ArrayList<>();
        for (String member : new LinkedHashSet<>(state.roster)) {
            UUID userId = parseUuid(member);
            if (userId != null) {
                var row = new ClassSessionMember();
                row.id = UUID.randomUUID();
                row.sessionId = sessionId;
                row.tenantId = state.tenantId;
                row.userId = userId;
                rows.add(row);
            }
        }
        // Panache rejects persisting none
        return rows.isEmpty() ? Uni.createFrom().voidItem() : members.persist(rows);
    }

    private static ClassSession summary(UUID id, ClassSessionEvent event, ClassSessionState state) {
        var session = new ClassSession();
        session.id = id;
        session.tenantId = event.tenantId();
        session.classId = event.classId();
        session.className = event.className();
        session.teacherId = parseUuid(state.teacherId);
        session.startedAt = event.startedAt();
        session.scheduledStart = event.scheduledStart();
        session.startTrigger = event.trigger();
        session.plannedEnd = event.plannedEnd();
        session.thresholdPct = state.thresholdPct;
        session.lateGraceSeconds = state.lateGraceSeconds;
        session.rosterSize = state.roster.size();
        return session;
    }

    /**
     * Ends a class session: stores one final record per roster member (once, even if the end is redelivered) and
     * their AttendanceFinalized events in the same transaction; the outbox relay publishes them after the commit.
     */
    public Uni<Void> end(ClassSessionEvent event) {
        UUID id = event.sessionId();
        long endedAt = event.endedAt().toEpochMilli();
        return store.markEnded(id.toString(), endedAt).chain(snapshot -> {
            if (snapshot == null) {
                Log.infof("Ignoring the end of session %s: it was never started here", event.sessionId());
                return Uni.createFrom().voidItem();
            }
            return store.deletedAmong(event.tenantId(), snapshot.session().roster)
                    .chain(deleted -> Panache.withTransaction(() -> records.countBySession(id)
                            .chain(count -> {
                                if (count > 0) {
                                    return Uni.createFrom().voidItem();
                                }
                                var finals = finalRecords(snapshot, endedAt, deleted);
                                // An empty roster has no records (Panache rejects persisting none).
                                Uni<Void> stored =
                                        finals.isEmpty() ? Uni.createFrom().voidItem() : records.persist(finals);
                                return stored.chain(() -> announce(finals))
                                        .chain(() -> sessions.update(
                                                "endedAt = ?1 where id = ?2 and endedAt is null", event.endedAt(), id))
                                        .replaceWithVoid();
                            })))
                    .invoke(this::relayEvents);
        });
    }

    /** Writes the AttendanceFinalized of each record to the outbox; inside the records' transaction. */
    private Uni<Void> announce(List<AttendanceRecord> finals) {
        return Multi.createFrom()
                .iterable(finals)
                .filter(record -> record.userId != null) // anonymised before the end: nothing personal to publish
                .onItem()
                .transformToUniAndConcatenate(record -> outbox.add(
                        AttendanceFinalized.TOPIC, record.sessionId.toString(), AttendanceFinalized.of(record)))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** After the commit of records whose events are in the outbox. */
    public void relayEvents() {
        relay.relaySoon();
    }

    private List<AttendanceRecord> finalRecords(LiveStateStore.Snapshot snapshot, long endedAt, Set<String> deleted) {
        ClassSessionState session = snapshot.session();
        // The first end wins: a redelivered or repeated end keeps the stored end time.
        long end = session.endedAt == null ? endedAt : session.endedAt;
        List<AttendanceRecord> result = new ArrayList<>();
        for (String userId : session.roster) {
            AttendanceOutcome outcome =
                    engine.finalizeStudent(session, snapshot.students().get(userId), end);
            var record = new AttendanceRecord();
            record.id = UUID.randomUUID();
            record.tenantId = session.tenantId;
            record.sessionId = UUID.fromString(session.sessionId);
            record.classId = session.classId;
            // deleted while the session ran, and missed by the erasure: the numbers stay, the person goes
            record.userId = deleted.contains(userId) ? null : parseUuid(userId);
            record.presentSeconds = outcome.presentSeconds();
            record.engagedSeconds = outcome.engagedSeconds();
            record.engagementPct = outcome.engagementPct();
            record.status = outcome.status();
            record.computedStatus = outcome.status();
            record.late = outcome.late();
            record.leftEarly = outcome.leftEarly();
            record.firstSeenAt = outcome.firstSeenAt();
            record.lastSeenAt = outcome.lastSeenAt();
            record.sessionStartedAt = Instant.ofEpochMilli(session.startedAt);
            record.sessionScheduledStart =
                    session.scheduledStart == null ? null : Instant.ofEpochMilli(session.scheduledStart);
            record.sessionEndedAt = Instant.ofEpochMilli(end);
            record.webcamFrames = outcome.webcamFrames();
            record.framesWithOthers = outcome.framesWithOthers();
            result.add(record);
        }
        return result;
    }

    /**
     * A teacher's override of a final status, inside the caller's transaction: the record changes, the audit trail
     * keeps who, when, why and the previous status, and a corrected AttendanceFinalized (with the reason) goes to the
     * outbox.
     */
    public Uni<AttendanceRecord> override(
            AttendanceRecord record, AttendanceStatus status, String reason, UUID actorId) {
        var audit = new AttendanceOverride();
        audit.id = UUID.randomUUID();
        audit.tenantId = record.tenantId;
        audit.recordId = record.id;
        audit.sessionId = record.sessionId;
        audit.userId = record.userId;
        audit.previousStatus = record.status;
        audit.newStatus = status;
        audit.reason = reason;
        audit.actorId = actorId;
        audit.at = Instant.now();
        record.status = status;
        record.overrideReason = reason;
        return overrides
                .persist(audit)
                .chain(() -> outbox.add(
                        AttendanceFinalized.TOPIC, record.sessionId.toString(), AttendanceFinalized.of(record)))
                .replaceWith(record);
    }

    static UUID parseUuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
