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

    public ClassService(
            ClassRepository classes,
            RoomRepository rooms,
            KnownUserRepository knownUsers,
            ClassSessionService sessions,
            ClassroomConfig config) {
        this.classes = classes;
        this.rooms = rooms;
        this.knownUsers = knownUsers;
        this.sessions = sessions;
        this.config = config;
    }

    public Uni<ClassView> create(Caller caller, ClassDetails details) {
        validateSchedule(details);
        return requireRoom(caller, details.defaultRoomId()).chain(() -> {
            var now = Clock.now();
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

    /** Teachers list what they teach, students what they are enrolled in, admins the whole tenant. */
    public Uni<Page<ClassView>> listMine(Caller caller, boolean includeArchived, String query, int page, int size) {
        var scope = new ClassRepository.Scope(
                caller.tenantId(),
                !caller.isAdmin() && caller.isTeacher() ? caller.userId() : null,
                !caller.isAdmin() && caller.isStudent() ? caller.userId() : null,
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
        return visible(caller, id).map(c -> new ClassView(c, ClassAccess.manages(caller, c)));
    }

    public Uni<ClassView> update(Caller caller, String id, ClassDetails details) {
        validateSchedule(details);
        return managed(caller, id)
                .call(() -> requireRoom(caller, details.defaultRoomId()))
                .chain(existing -> classes.updateDetails(
                        caller.tenantId(),
                        id,
                        Updates.combine(
                                Updates.set("title", details.title().strip()),
                                Updates.set("description", details.description()),
                                Updates.set("schedule", details.schedule()),
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
                                Updates.set("updatedAt", Date.from(Clock.now())))))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("class", id))
                .map(c -> new ClassView(c, true));
    }

    /** Deleting a class ends its running session (reason CLASS_DELETED); past sessions stay as history. */
    public Uni<Void> delete(Caller caller, String id) {
        return managed(caller, id)
                .call(c -> c.activeSessionId == null
                        ? Uni.createFrom().voidItem()
                        : sessions.endById(c.activeSessionId, EndReason.CLASS_DELETED))
                .chain(() -> classes.deleteInTenant(caller.tenantId(), id))
                .replaceWithVoid();
    }

    /** Archiving is idempotent; a class with a running session must be deactivated first. */
    public Uni<ClassView> archive(Caller caller, String id) {
        return managed(caller, id)
                .chain(() -> classes.archive(caller.tenantId(), id, Clock.now()))
                .chain(archived -> {
                    if (!archived) {
                        return Uni.createFrom()
                                .failure(Problems.conflict(
                                        "session-active", "class " + id + " has an active session: end it first"));
                    }
                    return managed(caller, id).map(c -> new ClassView(c, true));
                });
    }

    /** Joining twice answers the class again; an archived class takes no new students. */
    public Uni<ClassView> join(Caller caller, String rawCode) {
        var code = JoinCodes.normalise(rawCode);
        return classes.findByJoinCode(caller.tenantId(), code)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("join code", code))
                .chain(c -> enrol(caller.tenantId(), c, caller.userId(), caller.displayName()))
                .map(c -> new ClassView(c, false));
    }

    public Uni<List<Enrolment>> roster(Caller caller, String id) {
        return managed(caller, id).map(c -> c.students);
    }

    public Uni<List<Enrolment>> addStudent(Caller caller, String id, String userId) {
        return managed(caller, id)
                .chain(c -> enrol(caller.tenantId(), c, userId, null))
                .map(c -> c.students);
    }

    /** Teachers remove anyone from their class; a student may leave a class. Removing an absent student is a no-op. */
    public Uni<Void> removeStudent(Caller caller, String id, String userId) {
        return visible(caller, id)
                .invoke(c -> {
                    if (!ClassAccess.manages(caller, c) && !userId.equals(caller.userId())) {
                        throw Problems.forbidden("only the class's teacher removes other students");
                    }
                })
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
                .chain(name -> classes.enrol(tenantId, c.id, new Enrolment(userId, name, Clock.now())))
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

    /** The class if the caller may see it; 404 otherwise (also for other tenants), so nothing leaks. */
    Uni<SchoolClass> visible(Caller caller, String id) {
        return classes.findInTenant(caller.tenantId(), id)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("class", id))
                .invoke(c -> {
                    if (!ClassAccess.sees(caller, c)) {
                        throw Problems.notFound("class", id);
                    }
                });
    }

    /** The class if the caller teaches it or is an admin; enrolled students get 403, others 404. */
    Uni<SchoolClass> managed(Caller caller, String id) {
        return visible(caller, id).invoke(c -> {
            if (!ClassAccess.manages(caller, c)) {
                throw Problems.forbidden("only the class's teacher or an admin may do this");
            }
        });
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
