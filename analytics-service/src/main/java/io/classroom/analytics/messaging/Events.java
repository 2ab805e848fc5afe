package io.classroom.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** This service's view of the events it consumes: only the fields it uses; unknown fields are ignored. */
public final class Events {
    private Events() {}

    /** {@code classroom.sessions.v1}: ClassSessionStarted, ClassSessionEnded. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClassSessionEvent(
            String eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            String sessionId,
            String classId,
            String className,
            String roomId,
            String teacherId,
            List<String> roster,
            List<String> cameraIds,
            Instant startedAt,
            Instant plannedEnd,
            Instant endedAt,
            Integer attendanceThreshold) {}

    /** {@code tracking.activity.v1}: PersonalSessionStarted, -Paused, -Resumed, -Ended. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ActivityEvent(
            String eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            String sessionId,
            String userId,
            Instant at,
            Instant startedAt,
            String title,
            Long activeSeconds,
            Long focusSeconds,
            Long distractionSeconds,
            Map<String, Long> activities) {}

    /** {@code tracking.attendance.v1}: AttendanceUpdated, AttendanceFinalized. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AttendanceEvent(
            String eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            String sessionId,
            String classId,
            String userId,
            long presentSeconds,
            long engagedSeconds,
            double engagementPct,
            String status,
            boolean late,
            boolean leftEarly,
            Instant firstSeenAt,
            Instant lastSeenAt,
            Instant sessionStartedAt,
            Instant sessionEndedAt) {}

    /** {@code vision.observations.v1}: FrameAnalyzed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FrameAnalyzed(
            String eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            String frameId,
            String sourceId,
            String sessionId,
            Instant capturedAt,
            Integer unknownFaces,
            List<Face> faces) {}

    /** A face of a {@link FrameAnalyzed}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Face(Box box, boolean attentive, Identity identity) {}

    /** A box normalised to the frame (0..1). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Box(double x, double y, double width, double height) {}

    /** Who a face was recognised as. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Identity(String userId, Double similarity) {}

    /** {@code auth.users.v1}: UserRegistered, UserUpdated, UserDeleted. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserEvent(
            String eventId,
            String type,
            Instant occurredAt,
            String tenantId,
            String userId,
            String email,
            String displayName) {}
}
