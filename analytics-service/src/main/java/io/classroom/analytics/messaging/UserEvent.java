package io.classroom.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** UserRegistered / UserUpdated / UserDeleted from {@code auth.users.v1}: display names for reports, deletions. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotBlank @Size(max = 64) String userId,
        @Size(max = 320) String email,
        @Size(max = 200) String displayName) {

    public static final String REGISTERED = "UserRegistered";
    public static final String UPDATED = "UserUpdated";
    public static final String DELETED = "UserDeleted";

    /** Reads {@code auth.users.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<UserEvent> {
        public Deserializer() {
            super(UserEvent.class);
        }
    }
}
