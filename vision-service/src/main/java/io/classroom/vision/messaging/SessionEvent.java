package io.classroom.vision.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** ClassSessionStarted / ClassSessionEnded from {@code classroom.sessions.v1}: the rosters of running sessions. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotBlank @Size(max = 64) String tenantId,
        @NotNull UUID sessionId,
        List<@NotNull UUID> roster) {

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
