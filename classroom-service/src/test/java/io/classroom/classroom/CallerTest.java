package io.classroom.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    private final SchoolClass physics = new SchoolClass();

    CallerTest() {
        physics.teacherId = "teacher-1";
        physics.students.add(new Enrolment("student-1", "Ada", Instant.now()));
    }

    @Test
    void teachersManageOnlyWhatTheyTeachAndAdminsEverything() {
        assertThat(caller("teacher-1", Caller.TEACHER).manages(physics)).isTrue();
        assertThat(caller("teacher-2", Caller.TEACHER).manages(physics)).isFalse();
        assertThat(caller("teacher-2", Caller.TEACHER).sees(physics)).isFalse();
        assertThat(caller("admin-1", Caller.ADMIN).manages(physics)).isTrue();
    }

    @Test
    void enrolledStudentsSeeButDoNotManage() {
        assertThat(caller("student-1", Caller.STUDENT).sees(physics)).isTrue();
        assertThat(caller("student-1", Caller.STUDENT).manages(physics)).isFalse();
        assertThat(caller("student-2", Caller.STUDENT).sees(physics)).isFalse();
        // The teacher id alone is not enough without the TEACHER role.
        assertThat(caller("teacher-1", Caller.STUDENT).manages(physics)).isFalse();
    }

    private static Caller caller(String userId, String role) {
        return new Caller(userId, "school-1", Set.of(role), userId);
    }
}
