package io.classroom.vision.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.vision.service.SessionRosters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Session rosters from {@code classroom.sessions.v1} (per-instance group, earliest offset: every replica needs
 * every running session's roster to restrict recognition).
 */
@ApplicationScoped
public class SessionEventConsumer {

    private final SessionRosters rosters;
    private final ObjectMapper json;

    public SessionEventConsumer(SessionRosters rosters, ObjectMapper json) {
        this.rosters = rosters;
        this.json = json;
    }

    @Incoming("sessions-in")
    public void consume(String value) throws JsonProcessingException {
        apply(json.readValue(value, SessionEvent.class), rosters);
    }

    static void apply(SessionEvent event, SessionRosters rosters) {
        if (event.sessionId() == null) {
            throw new IllegalArgumentException("session event without sessionId");
        }
        switch (event.type()) {
            case "ClassSessionStarted" ->
                rosters.started(
                        event.tenantId(),
                        event.sessionId(),
                        new HashSet<>(event.roster() == null ? java.util.List.of() : event.roster()));
            case "ClassSessionEnded" -> rosters.ended(event.sessionId());
            default -> {
                // Other session events do not change rosters.
            }
        }
    }
}
