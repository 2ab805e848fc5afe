package io.classroom.classroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.classroom.ClassSession;
import io.classroom.classroom.Enrolment;
import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.security.Caller;
import io.classroom.classroom.security.Roles;
import io.classroom.classroom.service.ClassAccess.Action;
import io.classroom.classroom.service.ClassAccess.Decision;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassAccessTest {

    private static final Set<Action> MANAGING = EnumSet.complementOf(EnumSet.of(Action.VIEW, Action.LEAVE));

    private final SchoolClass physics = new SchoolClass();

    ClassAccessTest() {
        physics.tenantId = "school-1";
        physics.teacherId = "teacher-1";
        physics.students.add(new Enrolment("student-1", "Ada", Instant.parse("2026-09-01T08:00:00Z")));
    }

    @Test
    void teachersManageOnlyWhatTheyTeachAndAdminsEverythingOfTheirTenant() {
        for (var action : Action.values()) {
            assertThat(decide("teacher-1", Roles.TEACHER, action)).isEqualTo(Decision.ALLOW);
            assertThat(decide("admin-1", Roles.ADMIN, action)).isEqualTo(Decision.ALLOW);
            assertThat(decide("teacher-2", Roles.TEACHER, action)).isEqualTo(Decision.NOT_FOUND);
            assertThat(ClassAccess.decide(
                            new Caller("admin-2", "school-2", Set.of(Roles.ADMIN, Roles.TEACHER), "x"),
                            physics,
                            action))
                    .isEqualTo(Decision.NOT_FOUND);
        }
    }

    @Test
    void enrolledStudentsSeeAndLeaveButManageNothing() {
        assertThat(decide("student-1", Roles.STUDENT, Action.VIEW)).isEqualTo(Decision.ALLOW);
        assertThat(decide("student-1", Roles.STUDENT, Action.LEAVE)).isEqualTo(Decision.ALLOW);
        for (var action : MANAGING) {
            assertThat(decide("student-1", Roles.STUDENT, action)).isEqualTo(Decision.FORBIDDEN);
        }
        for (var action : Action.values()) {
            assertThat(decide("student-2", Roles.STUDENT, action)).isEqualTo(Decision.NOT_FOUND);
        }
        // The teacher id alone is not enough without the TEACHER role.
        assertThat(decide("teacher-1", Roles.STUDENT, Action.UPDATE)).isEqualTo(Decision.NOT_FOUND);
    }

    @Test
    void aStudentRemovesOnlyThemself() {
        var student = caller("student-1", Roles.STUDENT);
        assertThat(ClassAccess.decideRemoval(student, physics, "student-1")).isEqualTo(Decision.ALLOW);
        assertThat(ClassAccess.decideRemoval(student, physics, "student-3")).isEqualTo(Decision.FORBIDDEN);
        assertThat(ClassAccess.decideRemoval(caller("teacher-1", Roles.TEACHER), physics, "student-1"))
                .isEqualTo(Decision.ALLOW);
        assertThat(ClassAccess.decideRemoval(caller("student-2", Roles.STUDENT), physics, "student-2"))
                .isEqualTo(Decision.NOT_FOUND);
    }

    @Test
    void sessionsBelongToTheirTeacherAndTheTenantsAdmins() {
        var session = new ClassSession();
        session.tenantId = "school-1";
        session.teacherId = "teacher-1";
        session.roster = List.of("student-1");
        assertThat(ClassAccess.decide(caller("teacher-1", Roles.TEACHER), session))
                .isEqualTo(Decision.ALLOW);
        assertThat(ClassAccess.decide(caller("admin-1", Roles.ADMIN), session)).isEqualTo(Decision.ALLOW);
        assertThat(ClassAccess.decide(caller("teacher-2", Roles.TEACHER), session))
                .isEqualTo(Decision.NOT_FOUND);
        assertThat(ClassAccess.decide(caller("student-1", Roles.STUDENT), session))
                .isEqualTo(Decision.FORBIDDEN);
        assertThat(ClassAccess.decide(new Caller("admin-2", "school-2", Set.of(Roles.ADMIN), "x"), session))
                .isEqualTo(Decision.NOT_FOUND);
    }

    private Decision decide(String userId, String role, Action action) {
        return ClassAccess.decide(caller(userId, role), physics, action);
    }

    private static Caller caller(String userId, String role) {
        return new Caller(userId, "school-1", Set.of(role), userId);
    }
}
