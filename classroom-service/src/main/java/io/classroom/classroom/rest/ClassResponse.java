package io.classroom.classroom.rest;

import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.service.ClassView;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A class as shown to its teacher, an admin or an enrolled student (students do not see the join code). */
public record ClassResponse(
        String id,
        String title,
        String description,
        @Schema(description = "null for students") String joinCode,
        ScheduleDto schedule,
        String defaultRoomId,
        int attendanceThreshold,
        int lateGraceMinutes,
        boolean archived,
        String teacherId,
        int studentCount,

        @Schema(description = "id of the running session, if any")
        String activeSessionId,

        Instant createdAt,
        Instant updatedAt) {

    public static ClassResponse of(ClassView view) {
        SchoolClass c = view.schoolClass();
        return new ClassResponse(
                c.id,
                c.title,
                c.description,
                view.managed() ? c.joinCode : null,
                ScheduleDto.of(c.schedule),
                c.defaultRoomId,
                c.attendanceThreshold,
                c.lateGraceMinutes,
                c.archived,
                c.teacherId,
                c.students == null ? 0 : c.students.size(),
                c.activeSessionId,
                c.createdAt,
                c.updatedAt);
    }
}
