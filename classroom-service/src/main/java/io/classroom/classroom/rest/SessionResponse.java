package io.classroom.classroom.rest;

import io.classroom.classroom.ClassSession;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.SessionState;
import io.classroom.classroom.SessionTrigger;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A class session with its snapshotted roster and cameras. */
public record SessionResponse(
        @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        String id,

        @Schema(example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f")
        String classId,

        @Schema(example = "Physics 101") String className,

        @Schema(example = "5a1d2c3b-4e6f-4a8b-9c0d-1e2f3a4b5c6d")
        String teacherId,

        @Schema(example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b")
        String roomId,

        @Schema(description = "the room's name when the session started", example = "Room 204")
        String roomName,

        @Schema(example = "[\"cam-front\", \"cam-back\"]") List<String> cameraIds,

        @Schema(
                description = "user ids of the enrolled students when the session started",
                example = "[\"9b2f4e6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b\"]")
        List<String> roster,

        @Schema(example = "ENDED") SessionState state,
        @Schema(example = "2026-09-01T08:00:00Z") Instant startedAt,

        @Schema(
                description = "the scheduled start of the occurrence a scheduled session serves; null when started by"
                        + " hand",
                example = "2026-09-01T08:00:00Z")
        Instant scheduledStart,

        @Schema(
                description = "SCHEDULE: started by the class's schedule; MANUAL: by a teacher or an admin",
                example = "SCHEDULE")
        SessionTrigger trigger,

        @Schema(
                description = "scheduled sessions: the occurrence's end (scheduled start + duration); by hand: start +"
                        + " duration",
                example = "2026-09-01T08:45:00Z")
        Instant plannedEnd,

        @Schema(description = "null while the session runs", example = "2026-09-01T08:45:00Z")
        Instant endedAt,

        @Schema(description = "null while the session runs", example = "PLANNED_END")
        EndReason endReason,

        @Schema(description = "percent of engaged time for PRESENT", example = "75")
        int attendanceThreshold,

        @Schema(description = "seconds a student may arrive late", example = "600")
        long lateGraceSeconds,

        @Schema(
                description = "false while an event of the session waits in its outbox: the relay sends it right"
                        + " after the change, and again until Kafka acknowledges it",
                example = "true")
        boolean eventsPublished) {

    public static SessionResponse of(ClassSession s) {
        return new SessionResponse(
                s.id,
                s.classId,
                s.className,
                s.teacherId,
                s.roomId,
                s.roomName,
                s.cameraIds,
                s.roster,
                s.state,
                s.startedAt,
                s.scheduledStart,
                s.startedBy(),
                s.plannedEnd,
                s.endedAt,
                s.endReason,
                s.attendanceThreshold,
                s.lateGraceSeconds,
                s.outbox.isEmpty());
    }
}
