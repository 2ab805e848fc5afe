package io.classroom.ingest.messaging;

import io.classroom.ingest.PersonalSession;
import io.classroom.ingest.service.PersonalSessionStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code tracking.activity.v1}: remembers each personal session's owner and state for webcam frames. One event at a
 * time (the topic is keyed by user, so one user's events come in order), acknowledged once stored (store failures
 * retried); events that cannot be read never get here but go to the dead-letter topic.
 */
@ApplicationScoped
public class PersonalSessionConsumer {

    private static final String TOPIC = "tracking.activity.v1";

    private final PersonalSessionStore sessions;
    private final StoreRetry retry;

    public PersonalSessionConsumer(PersonalSessionStore sessions, StoreRetry retry) {
        this.sessions = sessions;
        this.retry = retry;
    }

    @Incoming("tracking-activity-in")
    public Uni<Void> consume(PersonalSessionEvent event) {
        var state = switch (event.type()) {
            case PersonalSessionEvent.STARTED, PersonalSessionEvent.RESUMED -> PersonalSession.State.RUNNING;
            case PersonalSessionEvent.PAUSED -> PersonalSession.State.PAUSED;
            case PersonalSessionEvent.ENDED -> PersonalSession.State.ENDED;
            default -> null;
        };
        if (state == null) {
            Log.debugf("ignoring %s event", event.type());
            return Uni.createFrom().voidItem();
        }
        var session = new PersonalSession(
                event.sessionId().toString(), event.tenantId(), event.userId().toString(), state);
        return retry.untilStored(TOPIC, () -> sessions.apply(session, event.occurredAt()));
    }
}
