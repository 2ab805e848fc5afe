package io.classroom.vision.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** The fields of {@code auth.users.v1} events this service needs (UserDeleted erases the user's faces). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserEvent(UUID eventId, String type, Instant occurredAt, String tenantId, UUID userId) {}
