package io.classroom.vision.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** UserRegistered / UserUpdated / UserDeleted from {@code auth.users.v1}; a deletion erases the user's faces. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotBlank @Size(max = 64) String tenantId,
        @NotNull UUID userId) {

    public static final String DELETED = "UserDeleted";

    /** Reads {@code auth.users.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<UserEvent> {
        public Deserializer() {
            super(UserEvent.class);
        }
    }
}
