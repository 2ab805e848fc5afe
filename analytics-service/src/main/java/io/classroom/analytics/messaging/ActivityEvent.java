package io.classroom.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.classroom.analytics.App;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * PersonalSession{Started,Paused,Resumed,Ended} from {@code tracking.activity.v1} (the fields this service uses). An
 * event of a producer older than the {@code app} field names no application: its session is {@link App#DEFAULT}'s.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActivityEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotBlank @Size(max = 64) String sessionId,
        @NotBlank @Size(max = 64) String userId,
        @Pattern(regexp = App.PATTERN) String app,
        Instant at,
        Instant startedAt,
        String title,
        @PositiveOrZero Long activeSeconds,
        @PositiveOrZero Long focusSeconds,
        @PositiveOrZero Long distractionSeconds,
        Map<@NotBlank String, @NotNull @PositiveOrZero Long> activities) {

    public static final String STARTED = "PersonalSessionStarted";
    public static final String ENDED = "PersonalSessionEnded";

    /** When the session started (its {@code startedAt}, else the event's {@code at}). */
    @JsonIgnore
    public Instant start() {
        return startedAt != null ? startedAt : at;
    }

    /** When the session ended (the event's {@code at}, else when the event occurred). */
    @JsonIgnore
    public Instant end() {
        return at != null ? at : occurredAt;
    }

    /** A start places the session in the heatmaps, an end gives its duration. */
    @JsonIgnore
    @AssertTrue(message = "a PersonalSessionStarted needs at or startedAt, a PersonalSessionEnded at or occurredAt")
    public boolean isTimed() {
        return switch (type == null ? "" : type) {
            case STARTED -> start() != null;
            case ENDED -> end() != null;
            default -> true;
        };
    }

    /** Reads {@code tracking.activity.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<ActivityEvent> {
        public Deserializer() {
            super(ActivityEvent.class);
        }
    }
}
