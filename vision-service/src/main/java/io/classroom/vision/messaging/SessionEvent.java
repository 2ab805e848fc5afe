package io.classroom.vision.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * ClassSessionStarted / ClassSessionEnded from {@code classroom.sessions.v1}: the running sessions, their roster (to
 * restrict recognition), their teacher (who may identify in them) and cameras (whose calibration that teacher may
 * set). A start without a teacher (none is published so, the schema requires it) still restricts recognition to its
 * roster; nobody but an admin leads it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotBlank @Size(max = 64) String tenantId,
        @NotNull UUID sessionId,
        UUID teacherId,
        List<@NotNull UUID> roster,
        List<@NotBlank @Size(max = 128) String> cameraIds) {

    public static final String STARTED = "ClassSessionStarted";
    public static final String ENDED = "ClassSessionEnded";

    @JsonIgnore
    @AssertTrue(message = "a ClassSessionStarted needs its roster")
    public boolean isCompleteStart() {
        return !STARTED.equals(type) || roster != null;
    }

    /** Reads {@code classroom.sessions.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<SessionEvent> {
        public Deserializer() {
            super(SessionEvent.class);
        }
    }
}
