package io.classroom.classroom.service;

import io.classroom.classroom.ClassSession;
import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.error.Problems;
import io.classroom.classroom.security.Caller;

/**
 * Who may do what with a class, its roster and its sessions: the object-level rules behind every class and session
 * operation, decided here rather than by {@code @RolesAllowed} alone. The matrix (README "Access rules"):
 *
 * <ul>
 *   <li>Another tenant's class, or one the caller neither teaches (TEACHER), administers (ADMIN) nor attends
 *       (enrolled STUDENT), does not exist for the caller: 404.
 *   <li>{@link Action#VIEW}: whoever sees the class.
 *   <li>{@link Action#LEAVE}: an enrolled student removing themself, or whoever manages the class.
 *   <li>Every other action (update, delete, archive, roster, enrolment, removal of others, activation, sessions):
 *       the class's teacher or an admin of the tenant; an enrolled student gets 403.
 * </ul>
 *
 * A session belongs to its class's teacher (snapshotted at activation) and to the tenant's admins; anyone else of the
 * tenant gets 404, a student on its roster 403.
 */
final class ClassAccess {

    /** What a caller wants to do with a class. */
    enum Action {
        VIEW,
        UPDATE,
        DELETE,
        ARCHIVE,
        VIEW_ROSTER,
        ENROL,
        REMOVE_STUDENT,
        LEAVE,
        ACTIVATE,
        LIST_SESSIONS
    }

    /** The outcome of a check: allowed, or the status that refuses it. */
    enum Decision {
        ALLOW,
        FORBIDDEN,
        NOT_FOUND
    }

    private ClassAccess() {}

    static Decision decide(Caller caller, SchoolClass schoolClass, Action action) {
        if (!caller.tenantId().equals(schoolClass.tenantId) || !sees(caller, schoolClass)) {
            return Decision.NOT_FOUND;
        }
        if (action == Action.VIEW || manages(caller, schoolClass)) {
            return Decision.ALLOW;
        }
        if (action == Action.LEAVE && caller.isStudent() && schoolClass.hasStudent(caller.userId())) {
            return Decision.ALLOW;
        }
        return Decision.FORBIDDEN;
    }

    /** Removing {@code userId}: leaving when it is the caller, removing another student otherwise. */
    static Decision decideRemoval(Caller caller, SchoolClass schoolClass, String userId) {
        return decide(caller, schoolClass, userId.equals(caller.userId()) ? Action.LEAVE : Action.REMOVE_STUDENT);
    }

    static Decision decide(Caller caller, ClassSession session) {
        if (!caller.tenantId().equals(session.tenantId)) {
            return Decision.NOT_FOUND;
        }
        if (caller.isAdmin() || (caller.isTeacher() && caller.userId().equals(session.teacherId))) {
            return Decision.ALLOW;
        }
        return session.roster != null && session.roster.contains(caller.userId())
                ? Decision.FORBIDDEN
                : Decision.NOT_FOUND;
    }

    /** Throws the problem of a refusal: 404 naming the class, or 403. */
    static void require(Decision decision, String what, String id) {
        switch (decision) {
            case ALLOW -> {}
            case NOT_FOUND -> throw Problems.notFound(what, id);
            case FORBIDDEN -> throw Problems.forbidden("only the " + what + "'s teacher or an admin may do this");
        }
    }

    /** Admins manage every class of their tenant, teachers the classes they teach. */
    static boolean manages(Caller caller, SchoolClass schoolClass) {
        return caller.isAdmin() || (caller.isTeacher() && schoolClass.isTaughtBy(caller.userId()));
    }

    /** Whoever manages a class or is enrolled in it (as a student) may see it. */
    static boolean sees(Caller caller, SchoolClass schoolClass) {
        return manages(caller, schoolClass) || (caller.isStudent() && schoolClass.hasStudent(caller.userId()));
    }
}
