package io.classroom.vision.messaging;

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
                rosters.started(event.tenantId(), event.sessionId(), new HashSet<>(event.roster()));
            case SessionEvent.ENDED -> rosters.ended(event.sessionId());
            default -> {
                // Other session events do not change rosters.
            }
        }
    }
}
