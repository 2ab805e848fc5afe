package io.classroom.vision.messaging;

import io.classroom.vision.service.SessionRosters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Running sessions from {@code classroom.sessions.v1} (per-instance group, earliest offset: every replica needs every
 * running session's roster, teacher and cameras).
 */
@ApplicationScoped
public class SessionEventConsumer {

    private final SessionRosters rosters;

    public SessionEventConsumer(SessionRosters rosters) {
        this.rosters = rosters;
    }

    @Incoming("classroom-sessions-in")
    public void consume(SessionEvent event) {
        apply(event, rosters);
    }

    static void apply(SessionEvent event, SessionRosters rosters) {
        switch (event.type()) {
            case SessionEvent.STARTED ->
                rosters.started(
                        event.tenantId(),
                        event.sessionId(),
                        event.teacherId(),
                        new HashSet<>(event.roster()),
                        new HashSet<>(event.cameraIds() == null ? List.of() : event.cameraIds()));
            case SessionEvent.ENDED -> rosters.ended(event.sessionId());
            default -> {
                // Other session events do not change rosters.
            }
        }
    }
}
