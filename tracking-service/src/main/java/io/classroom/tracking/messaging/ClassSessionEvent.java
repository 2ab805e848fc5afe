package io.classroom.tracking.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** ClassSessionStarted / ClassSessionEnded from {@code classroom.sessions.v1} (the fields this service uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassSessionEvent(
        String eventId,
        String type,
        String tenantId,
        String sessionId,
        String classId,
        String className,
        String teacherId,
        List<String> roster,
        List<String> cameraIds,
        Instant startedAt,
        Instant plannedEnd,
        Double attendanceThreshold,
        Long lateGraceSeconds,
        Instant endedAt) {

    public static final String STARTED = "ClassSessionStarted";
    public static final String ENDED = "ClassSessionEnded";
}
