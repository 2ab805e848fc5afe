package io.classroom.tracking.service;

import io.classroom.tracking.AttendanceEngine;
import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import io.classroom.tracking.Caller;
import io.classroom.tracking.ClassSession;
import io.classroom.tracking.ClassSessionState;
import io.classroom.tracking.LiveStudent;
import io.classroom.tracking.repository.AttendanceOverrideRepository;
import io.classroom.tracking.repository.AttendanceRecordRepository;
import io.classroom.tracking.repository.ClassSessionRepository;
import io.classroom.tracking.rest.AttendanceView;
import io.classroom.tracking.rest.LiveSessionView;
import io.classroom.tracking.rest.OverrideView;
import io.classroom.tracking.rest.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Read side of class sessions, with the access rule: the session's teacher or an admin of its tenant. */
@ApplicationScoped
public class ClassSessionQueries {

    private final ClassSessionRepository sessions;
    private final AttendanceRecordRepository records;
    private final AttendanceOverrideRepository overrides;
    private final LiveStateStore store;
    private final AttendanceService attendance;
    private final AttendanceEngine engine;

    public ClassSessionQueries(
            ClassSessionRepository sessions,
            AttendanceRecordRepository records,
            AttendanceOverrideRepository overrides,
            LiveStateStore store,
            AttendanceService attendance) {
        this.sessions = sessions;
        this.records = records;
        this.overrides = overrides;
        this.store = store;
        this.attendance = attendance;
        this.engine = attendance.engine();
    }

    /** The session if the caller teaches it or is an admin of its tenant; anything else is not found. */
    public Uni<ClassSession> authorized(Caller caller, UUID sessionId) {
        return sessions.findInTenant(caller.tenantId(), sessionId).map(session -> {
            if (session == null || !(caller.isAdmin() || caller.userId().equals(session.teacherId))) {
                throw Problems.notFound("Class session " + sessionId);
            }
            return session;
        });
    }

    public Uni<LiveSessionView> live(ClassSession session) {
        return store.load(session.id.toString()).map(snapshot -> {
            if (snapshot == null) {
                throw Problems.notFound("Live state of class session " + session.id);
            }
            ClassSessionState state = snapshot.session();
            List<LiveStudent> students = new ArrayList<>();
            for (String userId : state.roster) {
                students.add(engine.live(state, userId, snapshot.students().get(userId)));
            }
            // Up to the end of an ended session (a trailing outage counts), else up to the latest frame.
            List<long[]> gaps = engine.outages(state, state.endedAt);
            long outageMs = gaps.stream().mapToLong(gap -> gap[1] - gap[0]).sum();
            List<LiveSessionView.Outage> outages = gaps.stream()
                    .map(gap -> new LiveSessionView.Outage(Instant.ofEpochMilli(gap[0]), Instant.ofEpochMilli(gap[1])))
                    .toList();
            return new LiveSessionView(
                    state.sessionId,
                    state.classId,
                    state.endedAt == null ? "ACTIVE" : "ENDED",
                    Instant.ofEpochMilli(state.startedAt),
                    state.endedAt == null ? null : Instant.ofEpochMilli(state.endedAt),
                    state.lastFrameAt == null ? null : Instant.ofEpochMilli(state.lastFrameAt),
                    state.frames,
                    outageMs / 1000,
                    outages,
                    state.unknownFaceObservations,
                    state.maxUnknownFacesInFrame,
                    students);
        });
    }

    /** Final records once the session ended; while it runs, provisional figures (status PENDING) so far. */
    public Uni<List<AttendanceView>> attendance(ClassSession session) {
        return records.listBySession(session.tenantId, session.id).chain(stored -> {
            if (!stored.isEmpty() || session.endedAt != null) {
                return Uni.createFrom()
                        .item(stored.stream().map(AttendanceView::of).toList());
            }
            return store.load(session.id.toString()).map(snapshot -> provisional(session, snapshot));
        });
    }

    private List<AttendanceView> provisional(ClassSession session, LiveStateStore.Snapshot snapshot) {
        if (snapshot == null) {
            return List.of();
        }
        ClassSessionState state = snapshot.session();
        long now = state.lastFrameAt == null ? state.startedAt : state.lastFrameAt;
        List<AttendanceView> views = new ArrayList<>();
        for (String userId : state.roster) {
            var outcome = engine.finalizeStudent(state, snapshot.students().get(userId), now);
            views.add(new AttendanceView(
                    session.id,
                    session.classId,
                    AttendanceService.parseUuid(userId),
                    outcome.presentSeconds(),
                    outcome.engagedSeconds(),
                    outcome.engagementPct(),
                    AttendanceStatus.PENDING,
                    null,
                    outcome.late(),
                    false,
                    outcome.firstSeenAt(),
                    outcome.lastSeenAt(),
                    session.startedAt,
                    null,
                    null));
        }
        return views;
    }

    /** Overrides a student's final status; 404 when the student has no final record in this session. */
    public Uni<AttendanceView> override(
            Caller caller, ClassSession session, UUID userId, AttendanceStatus status, String reason) {
        return Panache.withTransaction(() -> records.findBySessionAndUser(session.tenantId, session.id, userId)
                        .chain(record -> {
                            if (record == null) {
                                throw Problems.notFound("Final attendance of user " + userId + " in session "
                                        + session.id + " (the session may still be running)");
                            }
                            return attendance.override(record, status, reason, caller.userId());
                        }))
                .call(record -> attendance.publishQuietly(List.of(record)))
                .map(AttendanceView::of);
    }

    public Uni<List<OverrideView>> overrides(ClassSession session, UUID userId) {
        return records.findBySessionAndUser(session.tenantId, session.id, userId)
                .chain(record -> record == null
                        ? Uni.createFrom().failure(Problems.notFound("Final attendance of user " + userId))
                        : overrides
                                .listByRecord(record.id)
                                .map(list -> list.stream().map(OverrideView::of).toList()));
    }

    public Uni<List<AttendanceView>> myHistory(Caller caller) {
        return records.listByUser(caller.tenantId(), caller.userId()).map(ClassSessionQueries::views);
    }

    /** A class's history: admins, or a teacher who taught at least one of its sessions. */
    public Uni<List<AttendanceView>> classHistory(Caller caller, String classId) {
        return sessions.listByClass(caller.tenantId(), classId).chain(classSessions -> {
            boolean allowed = !classSessions.isEmpty()
                    && (caller.isAdmin()
                            || classSessions.stream()
                                    .anyMatch(s -> caller.userId().equals(s.teacherId)));
            if (!allowed) {
                return Uni.createFrom().failure(Problems.notFound("Class " + classId));
            }
            return records.listByClass(caller.tenantId(), classId).map(ClassSessionQueries::views);
        });
    }

    private static List<AttendanceView> views(List<AttendanceRecord> records) {
        return records.stream().map(AttendanceView::of).toList();
    }
}
