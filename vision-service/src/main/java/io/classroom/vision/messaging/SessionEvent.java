package io.classroom.vision.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The fields of {@code classroom.sessions.v1} events this service needs: the roster of running sessions. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionEvent(
        UUID eventId, String type, Instant occurredAt, String tenantId, UUID sessionId, List<UUID> roster) {}
