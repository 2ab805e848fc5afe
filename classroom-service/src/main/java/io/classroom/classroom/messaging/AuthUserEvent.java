package io.classroom.classroom.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The fields of {@code auth.users.v1} events (UserRegistered, UserUpdated, UserDeleted) this service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthUserEvent(
        String eventId, String type, Instant occurredAt, String tenantId, String userId, String displayName) {

    public static final String REGISTERED = "UserRegistered";
    public static final String UPDATED = "UserUpdated";
    public static final String DELETED = "UserDeleted";

    /** The envelope and user id every event of the topic carries. */
    public boolean isComplete() {
        return notBlank(eventId) && notBlank(type) && occurredAt != null && notBlank(tenantId) && notBlank(userId);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
