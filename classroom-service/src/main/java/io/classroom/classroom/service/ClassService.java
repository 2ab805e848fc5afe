package io.classroom.classroom.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.Enrolment;
import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.config.ClassroomConfig;
import io.classroom.classroom.error.Problems;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.KnownUserRepository;
import io.classroom.classroom.repository.RoomRepository;
import io.classroom.classroom.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Classes and their rosters, with the access rules of each operation. */
@ApplicationScoped
public class ClassService {

    private static final int JOIN_CODE_ATTEMPTS = 5;

    private final ClassRepository classes;
    private final RoomRepository rooms;
    private final KnownUserRepository knownUsers;
    private final ClassSessionService sessions;
    private final ClassroomConfig config;
    private final Clock clock;

    public ClassService(
            ClassRepository classes,
            RoomRepository rooms,
            KnownUserRepository knownUsers,
            ClassSessionService sessions,
            ClassroomConfig config,
            Clock clock) {
        this.classes = classes;
        this.rooms = rooms;
        this.knownUsers = knownUsers;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /** Teachers create classes and become their teacher; nobody else does (an admin would leave a class unowned). */
    public Uni<ClassView> create(Caller caller, ClassDetails details) {
        if (!caller.isTeacher()) {
            return Uni.createFrom().failure(Problems.forbidden("only teachers create classes"));
        }
        validateSchedule(details);
        return requireRoom(caller, details.defaultRoomId()).chain(() -> {
            var now = clock.now();
            var c = new SchoolClass();
            c.id = UUID.randomUUID().toString();
            c.tenantId = caller.tenantId();
            c.teacherId = caller.userId();
            c.title = details.title().strip();
            c.description = details.description();
            c.schedule = details.schedule();
            c.defaultRoomId = details.defaultRoomId();
            c.attendanceThreshold = details.attendanceThreshold() != null
                    ? details.attendanceThreshold()
                    : config.classes().defaultAttendanceThreshold();
            c.lateGraceMinutes = details.lateGraceMinutes() != null
                    ? details.lateGraceMinutes()
                    : config.classes().defaultLateGraceMinutes();
            c.createdAt = now;
            c.updatedAt = now;
            c.nextOccurrenceAt = ScheduledSessions.firstStartEndingAfter(c.schedule, now);
            return insertWithFreshJoinCode(c, JOIN_CODE_ATTEMPTS).map(saved -> new ClassView(saved, true));
        });
    }

    /** The unique index (tenantId, joinCode) rejects a code already used in the tenant: draw another one. */
    private Uni<SchoolClass> insertWithFreshJoinCode(SchoolClass c, int attemptsLeft) {
        c.joinCode = JoinCodes.generate(config.classes().joinCodeLength());
        return classes.persist(c)
                .onFailure(e -> attemptsLeft > 1 && isDuplicateKey(e))
                .recoverWithUni(() -> insertWithFreshJoinCode(c, attemptsLeft - 1));
    }

    /**
     * Teachers list what they teach, students what they are enrolled in, admins the whole tenant. With
     * {@code rosterMember}, only those of these classes that have this user on their roster: a student may ask only
     * about themself (403 otherwise), so a non-empty page tells a teacher the student is on one of their rosters.
     */
    public Uni<Page<ClassView>> listMine(
            Caller caller, boolean includeArchived, String query, String rosterMember, int page, int size) {
        if (!caller.isAdmin() && !caller.isTeacher() && !caller.isStudent()) {
            return Uni.createFrom().failure(Problems.forbidden("no role that lists classes"));
        }
        // About someone else, only the classes the caller teaches count (never those they attend beside them).
        var aboutOther = rosterMember != null && !rosterMember.equals(caller.userId());
        if (aboutOther && !caller.isAdmin() && !caller.isTeacher()) {
            return Uni.createFrom().failure(Problems.forbidden("students may only ask about their own classes"));
        }
        var scope = new ClassRepository.Scope(
                caller.tenantId(),
                !caller.isAdmin() && caller.isTeacher() ? caller.userId() : null,
                !caller.isAdmin() && caller.isStudent() && !aboutOther ? caller.userId() : null,
                rosterMember,
                includeArchived,
                query);
        return classes.count(scope)
                .chain(total -> classes.list(scope, page, size)
                        .map(list -> new Page<>(
                                list.stream()
                                        .map(c -> new ClassView(c, ClassAccess.manages(caller, c)))
                                        .toList(),
                                page,
                                size,
                                total)));
    }

    public Uni<ClassView> get(Caller caller, String id) {
        return allowed(caller, id, ClassAccess.Action.VIEW).map(c -> new ClassView(c, ClassAccess.manages(caller, c)));
    }

    /**
     * Replaces the details; a changed schedule is due at its first occurrence ending after now (an occurrence already
     * started by the scheduler stays started: its claim says so).
     */
    public Uni<ClassView> update(Caller caller, String id, ClassDetails details) {
        validateSchedule(details);
        var now = clock.now();
        var next = ScheduledSessions.firstStartEndingAfter(details.schedule(), now);
        return allowed(caller, id, ClassAccess.Action.UPDATE)
                .call(() -> requireRoom(caller, details.defaultRoomId()))
                .chain(existing -> classes.updateDetails(
                        caller.tenantId(),
                        id,
                        Updates.combine(
                                Updates.set("title", details.title().strip()),
                                Updates.set("description", details.description()),
                                Updates.set("schedule", details.schedule()),
                                next == null || existing.archived
                                        ? Updates.unset("nextOccurrenceAt")
                                        : Updates.set("nextOccurrenceAt", Date.from(next)),
                                Updates.set("defaultRoomId", details.defaultRoomId()),
                                Updates.set(
                                        "attendanceThreshold",
                                        details.attendanceThreshold() != null
                                                ? details.attendanceThreshold()
                                                : existing.attendanceThreshold),
                                Updates.set(
                                        "lateGraceMinutes",
                                        details.lateGraceMinutes() != null
                                                ? details.lateGraceMinutes()
                                                : existing.lateGraceMinutes),
                                Updates.set("updatedAt", Date.from(now)))))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("class", id))
                .map(c -> new ClassView(c, true));
    }

    /** Deleting a class ends its running session (reason CLASS_DELETED); past sessions stay as history. */
    public Uni<Void> delete(Caller caller, String id) {
        return allowed(caller, id, ClassAccess.Action.DELETE)
                .call(c -> c.activeSessionId == null
                        ? Uni.createFrom().voidItem()
                        : sessions.endById(c.activeSessionId, EndReason.CLASS_DELETED))
                .chain(() -> classes.deleteInTenant(caller.tenantId(), id))
                .replaceWithVoid();
    }

    /** Archiving is idempotent; a class with a running session must be deactivated first. */
    public Uni<ClassView> archive(Caller caller, String id) {
        return allowed(caller, id, ClassAccess.Action.ARCHIVE)
                .chain(() -> classes.archive(caller.tenantId(), id, clock.now()))
                .chain(archived -> {
                    if (!archived) {
                        return Uni.createFrom()
                                .failure(Problems.conflict(
                                        "session-active", "class " + id + " has an active session: end it first"));
                    }
                    return allowed(caller, id, ClassAccess.Action.VIEW).map(c -> new ClassView(c, true));
                });
    }

    /** Joining twice answers the class again; an archived class takes no new students. */
    public Uni<ClassView> join(Caller caller, String rawCode) {
        if (!caller.isStudent()) {
            return Uni.createFrom().failure(Problems.forbidden("only students join classes"));
        }
        var code = JoinCodes.normalise(rawCode);
        return classes.findByJoinCode(caller.tenantId(), code)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("join code", code))
                .chain(c -> enrol(caller.tenantId(), c, caller.userId(), caller.displayName()))
                .map(c -> new ClassView(c, false));
    }

    public Uni<List<Enrolment>> roster(Caller caller, String id) {
        return allowed(caller, id, ClassAccess.Action.VIEW_ROSTER).map(c -> c.students);
    }

    public Uni<List<Enrolment>> addStudent(Caller caller, String id, String userId) {
        return allowed(caller, id, ClassAccess.Action.ENROL)
                .chain(c -> enrol(caller.tenantId(), c, userId, null))
                .map(c -> c.students);
    }

    /** Teachers remove anyone from their class; a student may leave a class. Removing an absent student is a no-op. */
    public Uni<Void> removeStudent(Caller caller, String id, String userId) {
        return find(caller, id)
                .invoke(c -> ClassAccess.require(ClassAccess.decideRemoval(caller, c, userId), "class", id))
                .chain(() -> classes.unenrol(caller.tenantId(), id, userId));
    }

    private Uni<SchoolClass> enrol(String tenantId, SchoolClass c, String userId, String fallbackName) {
        if (c.archived) {
            return Uni.createFrom().failure(archivedProblem(c.id));
        }
        if (c.hasStudent(userId)) {
            return Uni.createFrom().item(c);
        }
        return knownUsers
                .displayName(tenantId, userId)
                .map(name -> name != null ? name : fallbackName)
                .chain(name -> classes.enrol(tenantId, c.id, new Enrolment(userId, name, clock.now())))
                .chain(() -> classes.findInTenant(tenantId, c.id))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("class", c.id))
                .invoke(reloaded -> {
                    // The conditional push skipped an archived class (archived meanwhile) or a duplicate.
                    if (!reloaded.hasStudent(userId)) {
                        throw archivedProblem(c.id);
                    }
                });
    }

    /** The class if the caller may do {@code action} with it: 404 when it may not see it (or another tenant's), else 403. */
    private Uni<SchoolClass> allowed(Caller caller, String id, ClassAccess.Action action) {
        return find(caller, id).invoke(c -> ClassAccess.require(ClassAccess.decide(caller, c, action), "class", id));
    }

    private Uni<SchoolClass> find(Caller caller, String id) {
        return classes.findInTenant(caller.tenantId(), id)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("class", id));
    }

    private Uni<Void> requireRoom(Caller caller, String roomId) {
        if (roomId == null) {
            return Uni.createFrom().voidItem();
        }
        return rooms.findInTenant(caller.tenantId(), roomId)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.unprocessable("unknown-room", "room " + roomId + " does not exist"))
                .replaceWithVoid();
    }

    private static void validateSchedule(ClassDetails details) {
        try {
            ZoneId.of(details.schedule().timeZone);
        } catch (DateTimeException e) {
            throw Problems.badRequest(
                    "invalid-schedule",
                    "schedule.timeZone '" + details.schedule().timeZone + "' is not an IANA time zone");
        }
    }

    private static RuntimeException archivedProblem(String id) {
        return Problems.conflict("class-archived", "class " + id + " is archived");
    }

    static boolean isDuplicateKey(Throwable e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
