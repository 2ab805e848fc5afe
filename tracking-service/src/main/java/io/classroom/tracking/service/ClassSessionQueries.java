package io.classroom.tracking.service;

import io.classroom.tracking.AttendanceEngine;
import io.classroom.tracking.AttendanceOverride;
import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.AttendanceStatus;
import io.classroom.tracking.ClassSession;
import io.classroom.tracking.ClassSessionState;
import io.classroom.tracking.LiveSession;
import io.classroom.tracking.LiveStudent;
import io.classroom.tracking.PersonalLive;
import io.classroom.tracking.PersonalProgress;
import io.classroom.tracking.PersonalSession;
import io.classroom.tracking.error.Problems;
import io.classroom.tracking.repository.AttendanceOverrideRepository;
import io.classroom.tracking.repository.AttendanceRecordRepository;
import io.classroom.tracking.repository.ClassSessionRepository;
import io.classroom.tracking.repository.PersonalSessionRepository;
import io.classroom.tracking.security.Caller;
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
    private final PersonalSessionRepository personalSessions;
    private final LiveStateStore store;
    private final AttendanceService attendance;
    private final AttendanceEngine engine;

    public ClassSessionQueries(
            ClassSessionRepository sessions,
            AttendanceRecordRepository records,
            AttendanceOverrideRepository overrides,
            PersonalSessionRepository personalSessions,
            LiveStateStore store,
            AttendanceService attendance) {
        this.sessions = sessions;
        this.records = records;
        this.overrides = overrides;
        this.personalSessions = personalSessions;
        this.store = store;
        this.attendance = attendance;
        this.engine = attendance.engine();
    }

    /**
     * The session if the caller teaches it or is an admin of its tenant. A student may never use the class-session
     * operations (403, whatever the session); another teacher's or another tenant's session is not found (404), so
     * its existence does not leak.
     */
    public Uni<ClassSession> authorized(Caller caller, UUID sessionId) {
        return requireTeacherOrAdmin(caller)
                .chain(() -> sessions.findInTenant(caller.tenantId(), sessionId))
                .map(session -> {
                    if (session == null || !teaches(caller, session)) {
                        throw Problems.notFound("Class session " + sessionId);
                    }
                    return session;
                });
    }

    private static boolean teaches(Caller caller, ClassSession session) {
        return caller.isAdmin() || caller.userId().equals(session.teacherId);
    }

    private static Uni<Void> requireTeacherOrAdmin(Caller caller) {
        return caller.isTeacherOrAdmin()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom()
                        .failure(Problems.forbidden("Only a teacher of the class or an admin may use its sessions"));
    }

    public Uni<LiveSession> live(ClassSession session) {
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
            List<LiveSession.Outage> outages = gaps.stream()
                    .map(gap -> new LiveSession.Outage(Instant.ofEpochMilli(gap[0]), Instant.ofEpochMilli(gap[1])))
                    .toList();
            return new LiveSession(
                    state.sessionId,
                    state.classId,
                    state.endedAt == null ? "ACTIVE" : "ENDED",
                    Instant.ofEpochMilli(state.startedAt),
                    session.scheduledStart,
                    session.startTrigger,
                    state.endedAt == null ? null : Instant.ofEpochMilli(state.endedAt),
                    state.lastFrameAt == null ? null : Instant.ofEpochMilli(state.lastFrameAt),
                    state.frames,
                    state.webcamFrames,
                    outageMs / 1000,
                    outages,
                    state.unknownFaceObservations,
                    state.maxUnknownFacesInFrame,
                    students);
        });
    }

    /**
     * Final records once the session ended; while it runs, provisional figures so far (status PENDING, not stored).
     */
    public Uni<List<AttendanceRecord>> attendance(ClassSession session) {
        return records.listBySession(session.tenantId, session.id).chain(stored -> {
            if (!stored.isEmpty() || session.endedAt != null) {
                return Uni.createFrom().item(stored);
            }
            return store.load(session.id.toString()).map(snapshot -> provisional(session, snapshot));
        });
    }

    private List<AttendanceRecord> provisional(ClassSession session, LiveStateStore.Snapshot snapshot) {
        if (snapshot == null) {
            return List.of();
        }
        ClassSessionState state = snapshot.session();
        long now = state.lastFrameAt == null ? state.startedAt : state.lastFrameAt;
        List<AttendanceRecord> provisional = new ArrayList<>();
        for (String userId : state.roster) {
            var outcome = engine.finalizeStudent(state, snapshot.students().get(userId), now);
            var record = new AttendanceRecord();
            record.tenantId = session.tenantId;
            record.sessionId = session.id;
            record.classId = session.classId;
            record.userId = AttendanceService.parseUuid(userId);
            record.presentSeconds = outcome.presentSeconds();
            record.engagedSeconds = outcome.engagedSeconds();
            record.engagementPct = outcome.engagementPct();
            record.status = AttendanceStatus.PENDING;
            record.late = outcome.late();
            record.firstSeenAt = outcome.firstSeenAt();
            record.lastSeenAt = outcome.lastSeenAt();
            record.sessionStartedAt = session.startedAt;
            record.sessionScheduledStart = session.scheduledStart;
            record.webcamFrames = outcome.webcamFrames();
            record.framesWithOthers = outcome.framesWithOthers();
            provisional.add(record);
        }
        return provisional;
    }

    /** Overrides a student's final status; 404 when the student has no final record in this session. */
    public Uni<AttendanceRecord> override(
            Caller caller, ClassSession session, UUID userId, AttendanceStatus status, String reason) {
        return Panache.withTransaction(() -> records.findBySessionAndUser(session.tenantId, session.id, userId)
                        .chain(record -> {
                            if (record == null) {
                                throw Problems.notFound("Final attendance of user " + userId + " in session "
                                        + session.id + " (the session may still be running)");
                            }
                            return attendance.override(record, status, reason, caller.userId());
                        }))
                .invoke(attendance::relayEvents);
    }

    public Uni<List<AttendanceOverride>> overrides(ClassSession session, UUID userId) {
        return records.findBySessionAndUser(session.tenantId, session.id, userId)
                .chain(record -> record == null
                        ? Uni.createFrom().failure(Problems.notFound("Final attendance of user " + userId))
                        : overrides.listByRecord(record.id));
    }

    public Uni<List<AttendanceRecord>> myHistory(Caller caller) {
        return records.listByUser(caller.tenantId(), caller.userId());
    }

    /** A class's history: admins, or a teacher who taught at least one of its sessions. */
    public Uni<List<AttendanceRecord>> classHistory(Caller caller, String classId) {
        return requireTeacherOrAdmin(caller)
                .chain(() -> sessions.listByClass(caller.tenantId(), classId))
                .chain(classSessions -> {
                    boolean allowed =
                            !classSessions.isEmpty() && classSessions.stream().anyMatch(s -> teaches(caller, s));
                    if (!allowed) {
                        return Uni.createFrom().failure(Problems.notFound("Class " + classId));
                    }
                    return records.listByClass(caller.tenantId(), classId);
                });
    }

    /**
     * The first message of a live-feed subscription: a class session's live state for its teacher or an admin of its
     * tenant, a personal session's live view for its owner or an admin of its tenant; null for anyone else. Fails with
     * a 404 problem when the caller's tenant has no such session (yet: its start event may still be on its way).
     */
    public Uni<LiveFeed.LiveMessage> liveSnapshot(Caller caller, UUID id) {
        return sessions.findInTenant(caller.tenantId(), id).chain(classSession -> {
            if (classSession != null) {
                if (!caller.isTeacherOrAdmin() || !teaches(caller, classSession)) {
                    return Uni.createFrom().nullItem();
                }
                return live(classSession)
                        .map(view -> LiveFeed.LiveMessage.snapshot(id.toString(), view.students()))
                        .onFailure()
                        .recoverWithItem(LiveFeed.LiveMessage.snapshot(id.toString(), List.of()));
            }
            return personalSessions.findInTenant(caller.tenantId(), id).chain(personal -> {
                if (personal == null) {
                    return Uni.createFrom().failure(Problems.notFound("Session " + id));
                }
                if (!(caller.isAdmin() || personal.userId.equals(caller.userId()))) {
                    return Uni.createFrom().nullItem();
                }
                return personalSnapshot(personal);
            });
        });
    }

    /** A personal session's live view: from its live state while it runs, from its report once ended. */
    private Uni<LiveFeed.LiveMessage> personalSnapshot(PersonalSession personal) {
        String id = personal.id.toString();
        if (personal.status == PersonalSession.Status.ENDED) {
            return Uni.createFrom()
                    .item(LiveFeed.LiveMessage.snapshot(
                            id,
                            List.of(owner(personal, null)),
                            PersonalLive.ended(personal.focusSeconds, personal.distractionSeconds)));
        }
        return store.personalState(id).map(state -> {
            var view = state == null
                    ? PersonalLive.of(personal.status.name(), List.of(), null, new PersonalProgress(), null)
                    : PersonalLive.of(personal.status.name(), state.recent(), state.reported(), state.progress(), null);
            return LiveFeed.LiveMessage.snapshot(id, List.of(owner(personal, view)), view);
        });
    }

    /** The owner's entry of a personal session's live feed (as a class session's student entry). */
    private static LiveStudent owner(PersonalSession personal, PersonalLive view) {
        return new LiveStudent(
                personal.userId.toString(),
                view != null && view.faceFound(),
                view != null && view.attentive(),
                0,
                AttendanceStatus.PENDING,
                view == null ? null : view.capturedAt(),
                view == null ? null : view.gazeDirection(),
                List.of(),
                0);
    }
}
