package io.classroom.classroom.service;

import io.classroom.classroom.CameraClaim;
import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.Occurrence;
import io.classroom.classroom.OutboxEntry;
import io.classroom.classroom.Room;
import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.SessionState;
import io.classroom.classroom.SessionTrigger;
import io.classroom.classroom.config.ClassroomConfig;
import io.classroom.classroom.error.Problems;
import io.classroom.classroom.messaging.ClassSessionEnded;
import io.classroom.classroom.messaging.ClassSessionEvent;
import io.classroom.classroom.messaging.ClassSessionStarted;
import io.classroom.classroom.messaging.Outbox;
import io.classroom.classroom.messaging.OutboxRelay;
import io.classroom.classroom.repository.CameraClaimRepository;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.classroom.repository.RoomRepository;
import io.classroom.classroom.security.Caller;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Activation and end of class sessions. The insert that starts a session and the update that ends it each carry the
 * event announcing it, in the session's outbox; the relay publishes it afterwards.
 */
@ApplicationScoped
public class ClassSessionService {

    /** Longer than the claim and the session's insert ever take; a missing session claimed before is a crash's. */
    static final Duration CLAIM_GRACE = Duration.ofMinutes(1);

    /** A claim freed or taken over between our reads is claimed again, a few times at most. */
    private static final int CLAIM_ATTEMPTS = 3;

    private static final int JOB_BATCH = 200;

    private final ClassRepository classes;
    private final RoomRepository rooms;
    private final ClassSessionRepository sessions;
    private final CameraClaimRepository cameraClaims;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ClassroomConfig config;
    private final Clock clock;

    /** A scheduled start: the occurrence, and the session of a crashed activation of it being taken over (or null). */
    private record Scheduled(Occurrence occurrence, String staleSessionId) {}

    public ClassSessionService(
            ClassRepository classes,
            RoomRepository rooms,
            ClassSessionRepository sessions,
            CameraClaimRepository cameraClaims,
            Outbox outbox,
            OutboxRelay relay,
            ClassroomConfig config,
            Clock clock) {
        this.classes = classes;
        this.rooms = rooms;
        this.sessions = sessions;
        this.cameraClaims = cameraClaims;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    public Uni<ClassSession> activate(Caller caller, String classId, String roomOverride) {
        var tenant = caller.tenantId();
        return classes.findInTenant(tenant, classId)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("class", classId))
                .invoke(c -> ClassAccess.require(
                        ClassAccess.decide(caller, c, ClassAccess.Action.ACTIVATE), "class", classId))
                .chain(c -> activate(c, roomOverride != null ? roomOverride : c.defaultRoomId, null));
    }

    /**
     * Starts {@code occurrence} of the class's schedule, in its default room, on the rules of a start by hand (camera
     * claims, one session per class, 409s, the event in the outbox); the claim of the class also takes the occurrence
     * (see {@link ClassRepository#claimOccurrence}). {@code staleSessionId}: the session of an earlier claim of this
     * occurrence that was never stored, taken over.
     */
    Uni<ClassSession> activateScheduled(SchoolClass c, Occurrence occurrence, String staleSessionId) {
        return activate(c, c.defaultRoomId, new Scheduled(occurrence, staleSessionId));
    }

    private Uni<ClassSession> activate(SchoolClass c, String roomId, Scheduled scheduled) {
        if (c.archived) {
            return Uni.createFrom().failure(Problems.conflict("class-archived", "class " + c.id + " is archived"));
        }
        return ensureNoActiveSession(c)
                .chain(() -> room(c.tenantId, roomId))
                .chain(room -> start(c, room, scheduled))
                .invoke(relay::relaySoon);
    }

    /**
     * A class may point at a session that already ended (a crash between the two writes of the end), or at one never
     * stored (a crash between the claim and the insert): that pointer is stale. A pointer to a session not stored yet
     * but claimed within {@link #CLAIM_GRACE} is another activation in progress, not a stale one.
     */
    private Uni<Void> ensureNoActiveSession(SchoolClass c) {
        if (c.activeSessionId == null) {
            return Uni.createFrom().voidItem();
        }
        return holds(c.activeSessionId, c.activeSessionClaimedAt)
                .invoke(held -> {
                    if (held) {
                        throw activeConflict(c.id, c.activeSessionId);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Whether a claim made at {@code claimedAt} for {@code sessionId} still holds: its session is active, or not
     * stored yet and claimed within {@link #CLAIM_GRACE} (an activation in progress). An ended session's claim, or an
     * old one whose session never came (a crash), is a leftover that the next activation takes over.
     */
    private Uni<Boolean> holds(String sessionId, Instant claimedAt) {
        return sessions.findById(sessionId)
                .map(session -> session != null
                        ? session.state == SessionState.ACTIVE
                        : claimedAt != null && claimedAt.isAfter(clock.now().minus(CLAIM_GRACE)));
    }

    /** The session's room; null for a class without one. */
    private Uni<Room> room(String tenant, String roomId) {
        if (roomId == null) {
            return Uni.createFrom().nullItem();
        }
        return rooms.findInTenant(tenant, roomId)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.unprocessable("unknown-room", "room " + roomId + " does not exist"));
    }

    private Uni<ClassSession> start(SchoolClass c, Room room, Scheduled scheduled) {
        var now = clock.now();
        var s = new ClassSession();
        s.id = UUID.randomUUID().toString();
        s.tenantId = c.tenantId;
        s.classId = c.id;
        s.className = c.title;
        s.timeZone = c.schedule.timeZone;
        s.teacherId = c.teacherId;
        if (room != null) {
            s.roomId = room.id;
            s.roomName = room.name;
            s.cameraIds = ClassSessionService.copy(room.cameraIds);
        }
        s.roster = c.students.stream().map(e -> e.userId).distinct().toList();
        s.state = SessionState.ACTIVE;
        s.startedAt = now;
        if (scheduled == null) {
            s.trigger = SessionTrigger.MANUAL;
            s.plannedEnd = now.plus(Duration.ofMinutes(c.schedule.durationMinutes));
        } else {
            s.trigger = SessionTrigger.SCHEDULE;
            s.scheduledStart = scheduled.occurrence().start();
            s.plannedEnd = scheduled.occurrence().end();
        }
        s.attendanceThreshold = c.attendanceThreshold;
        s.lateGraceSeconds = Duration.ofMinutes(c.lateGraceMinutes).toSeconds();
        s.outbox.add(announce(ClassSessionStarted.of(UUID.randomUUID(), s)));
        // Two locks, each a single-document write: the camera claims keep the tenant's other classes off these
        // cameras, the conditional update on the class document keeps a second session of this class out (and, for
        // a scheduled start, a second session of the occurrence). Only an activation holding both stores the session
        // with its event; a refused one releases what it took. A scheduled start whose insert fails keeps the
        // occurrence's claim, taken over after CLAIM_GRACE like a crash's.
        return claimCameras(s)
                .chain(() -> scheduled == null
                        ? classes.claimActiveSession(c.tenantId, c.id, c.activeSessionId, s.id, now)
                        : classes.claimOccurrence(
                                c.tenantId,
                                c.id,
                                c.activeSessionId,
                                s.id,
                                now,
                                scheduled.occurrence().start(),
                                scheduled.staleSessionId()))
                .chain(claimed -> {
                    if (!claimed) {
                        return releaseCameras(s).chain(() -> Uni.createFrom().failure(activeConflict(c.id, null)));
                    }
                    return sessions.persist(s)
                            .onFailure()
                            .call(() -> classes.releaseActiveSession(c.tenantId, c.id, s.id)
                                    .chain(() -> releaseCameras(s)));
                });
    }

    /**
     * Claims the session's cameras in a fixed order (so two activations of one room meet on the same first camera
     * and exactly one goes on); on a camera held by another active session it releases those it took and answers 409.
     */
    private Uni<Void> claimCameras(ClassSession s) {
        var cameras = s.cameraIds.stream().distinct().sorted().toList();
        return Multi.createFrom()
                .iterable(cameras)
                .onItem()
                .transformToUniAndConcatenate(camera -> claimCamera(s, camera, CLAIM_ATTEMPTS))
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .call(() -> releaseCameras(s));
    }

    private Uni<Void> claimCamera(ClassSession s, String cameraId, int attemptsLeft) {
        var claim = CameraClaim.of(s, cameraId, clock.now());
        return cameraClaims.tryInsert(claim).chain(inserted -> {
            if (inserted) {
                return Uni.createFrom().voidItem();
            }
            return cameraClaims.findById(claim.id).chain(holder -> {
                if (holder == null) {
                    // Released between our insert and this read: try again.
                    return retryClaim(s, cameraId, attemptsLeft);
                }
                return holds(holder.sessionId, holder.claimedAt).chain(held -> {
                    if (held) {
                        return Uni.createFrom().failure(Problems.cameraInUse(cameraId));
                    }
                    return cameraClaims
                            .takeOver(claim, holder.sessionId)
                            .chain(taken ->
                                    taken ? Uni.createFrom().voidItem() : retryClaim(s, cameraId, attemptsLeft));
                });
            });
        });
    }

    private Uni<Void> retryClaim(ClassSession s, String cameraId, int attemptsLeft) {
        return attemptsLeft > 1
                ? claimCamera(s, cameraId, attemptsLeft - 1)
                : Uni.createFrom().failure(Problems.cameraInUse(cameraId));
    }

    private Uni<Void> releaseCameras(ClassSession s) {
        return cameraClaims.release(s.tenantId, s.cameraIds, s.id);
    }

    /** Ending an ended session is idempotent: it answers the session as it is, without a second event. */
    public Uni<ClassSession> end(Caller caller, String sessionId) {
        return visibleSession(caller, sessionId)
                .chain(s -> s.state == SessionState.ACTIVE
                        ? end(s, EndReason.DEACTIVATED)
                                .onItem()
                                .ifNull()
                                .switchTo(() -> sessions.findInTenant(caller.tenantId(), sessionId))
                        : Uni.createFrom().item(s));
    }

    /** Ends a session if it is still active (see {@link #end(ClassSession, EndReason)}); a no-op otherwise. */
    public Uni<Void> endById(String sessionId, EndReason reason) {
        return sessions.findById(sessionId)
                .onItem()
                .ifNotNull()
                .transformToUni(s -> end(s, reason))
                .replaceWithVoid();
    }

    /**
     * Ends the session and stores ClassSessionEnded with it in one conditional update, then frees its class. The
     * item is the ended session, or null when it was no longer active: then nothing was stored, so nothing is sent.
     */
    private Uni<ClassSession> end(ClassSession s, EndReason reason) {
        var now = clock.now();
        var announcement = announce(ClassSessionEnded.of(UUID.randomUUID(), s, now, reason));
        return sessions.end(s.id, reason, now, announcement)
                .onItem()
                .ifNotNull()
                .call(ended -> classes.releaseActiveSession(ended.tenantId, ended.classId, ended.id)
                        .chain(() -> releaseCameras(ended)))
                .onItem()
                .ifNotNull()
                .invoke(relay::relaySoon);
    }

    public Uni<ClassSession> get(Caller caller, String sessionId) {
        return visibleSession(caller, sessionId);
    }

    public Uni<Page<ClassSession>> listForClass(Caller caller, String classId, SessionState state, int page, int size) {
        return classes.findInTenant(caller.tenantId(), classId)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("class", classId))
                .invoke(c -> ClassAccess.require(
                        ClassAccess.decide(caller, c, ClassAccess.Action.LIST_SESSIONS), "class", classId))
                .chain(c ->
                        list(new ClassSessionRepository.Scope(caller.tenantId(), classId, null, state), page, size));
    }

    /** Admins see the tenant's sessions, teachers those of the classes they teach. */
    public Uni<Page<ClassSession>> listMine(Caller caller, SessionState state, int page, int size) {
        if (!caller.isAdmin() && !caller.isTeacher()) {
            return Uni.createFrom().failure(Problems.forbidden("only teachers and admins list sessions"));
        }
        var teacher = caller.isAdmin() ? null : caller.userId();
        return list(new ClassSessionRepository.Scope(caller.tenantId(), null, teacher, state), page, size);
    }

    private Uni<Page<ClassSession>> list(ClassSessionRepository.Scope scope, int page, int size) {
        return sessions.count(scope)
                .chain(total -> sessions.list(scope, page, size).map(list -> new Page<>(list, page, size, total)));
    }

    /** Ends every session still active {@code autoEndGrace} after its planned end (reason PLANNED_END). */
    public Uni<Integer> endOverdueSessions() {
        var cutoff = clock.now().minus(config.sessions().autoEndGrace());
        return endAll(sessions.findOverdue(cutoff, JOB_BATCH)
                .onItem()
                .transformToMulti(list -> Multi.createFrom().iterable(list)));
    }

    /**
     * Ends every session the scheduler started whose planned end (the occurrence's end) has come, reason PLANNED_END;
     * one ended by hand meanwhile is left as it is.
     */
    Uni<Integer> endScheduledSessions() {
        return endAll(sessions.scheduledEndingBy(clock.now()));
    }

    private Uni<Integer> endAll(Multi<ClassSession> due) {
        return due.onItem()
                .transformToUniAndConcatenate(s -> end(s, EndReason.PLANNED_END)
                        .map(ended -> ended == null ? 0 : 1)
                        .onFailure()
                        .recoverWithItem(failure -> {
                            Log.warnf("Could not auto-end session %s: %s", s.id, failure.toString());
                            return 0;
                        }))
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    private OutboxEntry announce(ClassSessionEvent event) {
        return outbox.entry(ClassSessionEvent.TOPIC, event.classId(), event);
    }

    /** The session if the caller may see and end it (see {@link ClassAccess#decide(Caller, ClassSession)}). */
    private Uni<ClassSession> visibleSession(Caller caller, String sessionId) {
        return sessions.findInTenant(caller.tenantId(), sessionId)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("session", sessionId))
                .invoke(s -> ClassAccess.require(ClassAccess.decide(caller, s), "session", sessionId));
    }

    private static RuntimeException activeConflict(String classId, String sessionId) {
        return Problems.conflict(
                "session-active",
                "class " + classId + " already has an active session" + (sessionId == null ? "" : " " + sessionId));
    }

    private static List<String> copy(List<String> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }
}
