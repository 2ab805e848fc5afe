package io.classroom.ingest.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * ClassSessionStarted / ClassSessionEnded from {@code classroom.sessions.v1} (the fields this service uses). Camera ids
 * stay strings: ids that are not registry ids (UUIDs) match no camera here and are skipped, not refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassSessionEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotBlank @Size(max = 64) String tenantId,
        @NotNull UUID sessionId,
        String teacherId,
        List<@NotNull String> roster,
        List<@NotNull String> cameraIds,
        Instant plannedEnd) {

    public static final String STARTED = "ClassSessionStarted";
    public static final String ENDED = "ClassSessionEnded";

    /** Reads {@code classroom.sessions.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<ClassSessionEvent> {
        public Deserializer() {
            super(ClassSessionEvent.class);
        }
    }
}
