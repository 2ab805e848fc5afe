package io.classroom.ingest.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** This service's view of classroom.sessions.v1 events (ClassSessionStarted / ClassSessionEnded). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassSessionEvent(
        String eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        String sessionId,
        String classId,
        String roomId,
        String teacherId,
        List<String> roster,
        List<String> cameraIds,
        Instant startedAt,
        Instant plannedEnd,
        Instant endedAt) {

    public static final String STARTED = "ClassSessionStarted";
    public static final String ENDED = "ClassSessionEnded";
}
