package io.classroom.tracking.messaging;

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

/**
 * ClassSessionStarted / ClassSessionEnded from {@code classroom.sessions.v1} (the fields this service uses). A start by
 * the class's schedule names its {@code scheduledStart} (lateness counts from it) and {@code trigger} SCHEDULE; one by
 * hand has no scheduled start (trigger MANUAL); older producers send neither.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassSessionEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotBlank @Size(max = 64) String tenantId,
        @NotNull UUID sessionId,
        String classId,
        String className,
        String teacherId,
        List<@NotNull String> roster,
        List<@NotNull String> cameraIds,
        Instant startedAt,
        Instant scheduledStart,
        @Size(max = 32) String trigger,
        Instant plannedEnd,
        @PositiveOrZero @Max(100) Double attendanceThreshold,
        @PositiveOrZero Long lateGraceSeconds,
        Instant endedAt) {

    public static final String STARTED = "ClassSessionStarted";
    public static final String ENDED = "ClassSessionEnded";

    @JsonIgnore
    @AssertTrue(message = "a ClassSessionStarted needs classId, roster and startedAt")
    public boolean isCompleteStart() {
        return !STARTED.equals(type) || (classId != null && roster != null && startedAt != null);
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
