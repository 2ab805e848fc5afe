package io.classroom.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** ClassSessionStarted / ClassSessionEnded from {@code classroom.sessions.v1} (the fields this service uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassSessionEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotBlank @Size(max = 64) String sessionId,
        String classId,
        String className,
        String roomId,
        @Size(max = 200) String roomName,
        String teacherId,
        List<@NotBlank String> roster,
        List<@NotBlank String> cameraIds,
        Instant startedAt,
        Instant plannedEnd,
        Instant endedAt,
        @PositiveOrZero @Max(100) Integer attendanceThreshold,
        @Size(max = 64) String timeZone) {

    public static final String STARTED = "ClassSessionStarted";
    public static final String ENDED = "ClassSessionEnded";

    /** The teacher and the roster decide who sees the session; the start places it in the heatmaps. */
    @JsonIgnore
    @AssertTrue(message = "a ClassSessionStarted needs classId, teacherId, roster and startedAt")
    public boolean isCompleteStart() {
        return !STARTED.equals(type) || (classId != null && teacherId != null && roster != null && startedAt != null);
    }

    @JsonIgnore
    @AssertTrue(message = "a ClassSessionEnded needs endedAt")
    public boolean isCompleteEnd() {
        return !ENDED.equals(type) || endedAt != null;
    }

    /** Reads {@code classroom.sessions.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<ClassSessionEvent> {
        public Deserializer() {
            super(ClassSessionEvent.class);
        }
    }
}
