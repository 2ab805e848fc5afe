package io.classroom.classroom.rest;

import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.service.ClassView;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A class as shown to its teacher, an admin or an enrolled student (students do not see the join code). */
public record ClassResponse(
        @Schema(example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f")
        String id,

        @Schema(example = "Physics 101") String title,

        @Schema(example = "Mechanics and thermodynamics for first-year students")
        String description,

        @Schema(description = "null for students", example = "K7QH2MZP")
        String joinCode,

        ScheduleDto schedule,

        @Schema(example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b")
        String defaultRoomId,

        @Schema(example = "75") int attendanceThreshold,
        @Schema(example = "10") int lateGraceMinutes,
        @Schema(example = "false") boolean archived,

        @Schema(example = "5a1d2c3b-4e6f-4a8b-9c0d-1e2f3a4b5c6d")
        String teacherId,

        @Schema(example = "24") int studentCount,

        @Schema(description = "id of the running session, if any", example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        String activeSessionId,

        @Schema(example = "2026-08-25T09:30:00Z") Instant createdAt,
        @Schema(example = "2026-08-28T14:05:00Z") Instant updatedAt) {

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
