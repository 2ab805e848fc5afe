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
        String id,
        String classId,
        String className,
        String teacherId,
        String roomId,
        List<String> cameraIds,
        List<String> roster,
        SessionState state,
        Instant startedAt,

        @Schema(
                description = "the scheduled start of the occurrence a scheduled session serves; null when started by"
                        + " hand")
        Instant scheduledStart,

        @Schema(description = "SCHEDULE: started by the class's schedule; MANUAL: by a teacher or an admin")
        SessionTrigger trigger,

        @Schema(
                description = "scheduled sessions: the occurrence's end (scheduled start + duration); by hand: start +"
                        + " duration")
        Instant plannedEnd,

        Instant endedAt,
        EndReason endReason,
        int attendanceThreshold,
        long lateGraceSeconds,

        @Schema(
                description = "false while an event of the session waits in its outbox: the relay sends it right"
                        + " after the change, and again until Kafka acknowledges it")
        boolean eventsPublished) {

    public static SessionResponse of(ClassSession s) {
        return new SessionResponse(
                s.id,
                s.classId,
                s.className,
                s.teacherId,
                s.roomId,
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
