package io.classroom.classroom.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** UserRegistered / UserUpdated / UserDeleted from {@code auth.users.v1} (the fields this service uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotNull UUID userId,
        String displayName) {

    public static final String REGISTERED = "UserRegistered";
    public static final String UPDATED = "UserUpdated";
    public static final String DELETED = "UserDeleted";

    @JsonIgnore
    @AssertTrue(message = "a UserRegistered or UserUpdated needs a displayName")
    public boolean isNamed() {
        return !(REGISTERED.equals(type) || UPDATED.equals(type)) || (displayName != null && !displayName.isBlank());
    }

    /** Reads {@code auth.users.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<UserEvent> {
        public Deserializer() {
            super(UserEvent.class);
        }
    }
}
