package io.classroom.tracking.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** UserRegistered / UserUpdated / UserDeleted from {@code auth.users.v1}; only deletions matter here. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserEvent(String eventId, String type, String tenantId, String userId) {

    public static final String DELETED = "UserDeleted";
}
