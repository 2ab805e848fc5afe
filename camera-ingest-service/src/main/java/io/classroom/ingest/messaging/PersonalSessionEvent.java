package io.classroom.ingest.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * PersonalSessionStarted / Paused / Resumed / Ended from {@code tracking.activity.v1} (the fields this service uses):
 * who owns the session and where it stands, so that webcam frames for it are accepted from its owner only and only
 * while it runs. {@code occurredAt} (tracking's clock) dates the state, so a replayed old event expires as it would
 * have.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonalSessionEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotNull UUID sessionId,
        @NotNull UUID userId) {

    public static final String STARTED = "PersonalSessionStarted";
    public static final String PAUSED = "PersonalSessionPaused";
    public static final String RESUMED = "PersonalSessionResumed";
    public static final String ENDED = "PersonalSessionEnded";

    /** Reads {@code tracking.activity.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<PersonalSessionEvent> {
        public Deserializer() {
            super(PersonalSessionEvent.class);
        }
    }
}
