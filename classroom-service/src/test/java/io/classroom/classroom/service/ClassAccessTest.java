package io.classroom.classroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.classroom.Enrolment;
import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.security.Caller;
import io.classroom.classroom.security.Roles;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassAccessTest {

    private final SchoolClass physics = new SchoolClass();

    ClassAccessTest() {
        physics.teacherId = "teacher-1";
        physics.students.add(new Enrolment("student-1", "Ada", Instant.parse("2026-09-01T08:00:00Z")));
    }

    @Test
    void teachersManageOnlyWhatTheyTeachAndAdminsEverything() {
        assertThat(ClassAccess.manages(caller("teacher-1", Roles.TEACHER), physics))
                .isTrue();
        assertThat(ClassAccess.manages(caller("teacher-2", Roles.TEACHER), physics))
                .isFalse();
        assertThat(ClassAccess.sees(caller("teacher-2", Roles.TEACHER), physics))
                .isFalse();
        assertThat(ClassAccess.manages(caller("admin-1", Roles.ADMIN), physics)).isTrue();
    }

    @Test
    void enrolledStudentsSeeButDoNotManage() {
        assertThat(ClassAccess.sees(caller("student-1", Roles.STUDENT), physics))
                .isTrue();
        assertThat(ClassAccess.manages(caller("student-1", Roles.STUDENT), physics))
                .isFalse();
        assertThat(ClassAccess.sees(caller("student-2", Roles.STUDENT), physics))
                .isFalse();
        // The teacher id alone is not enough without the TEACHER role.
        assertThat(ClassAccess.manages(caller("teacher-1", Roles.STUDENT), physics))
                .isFalse();
    }

    private static Caller caller(String userId, String role) {
        return new Caller(userId, "school-1", Set.of(role), userId);
    }
}
