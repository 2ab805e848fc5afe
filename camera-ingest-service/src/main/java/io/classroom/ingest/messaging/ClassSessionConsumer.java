package io.classroom.ingest.messaging;

import io.classroom.ingest.service.ClassSessionService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code classroom.sessions.v1}: starts and stops the cameras of class sessions and keeps their rosters. One event at
 * a time, acknowledged once its effect is stored (store failures retried); events that cannot be read never get here
 * but go to the dead-letter topic.
 */
@ApplicationScoped
public class ClassSessionConsumer {

    private static final String TOPIC = "classroom.sessions.v1";

    private final ClassSessionService sessions;
    private final StoreRetry retry;

    public ClassSessionConsumer(ClassSessionService sessions, StoreRetry retry) {
        this.sessions = sessions;
        this.retry = retry;
    }

    @Incoming("classroom-sessions-in")
    public Uni<Void> consume(ClassSessionEvent event) {
        return switch (event.type()) {
            case ClassSessionEvent.STARTED ->
                retry.untilStored(
                        TOPIC,
                        () -> sessions.started(
                                event.tenantId(),
                                event.sessionId(),
                                event.teacherId(),
                                event.roster(),
                                event.plannedEnd(),
                                event.cameraIds()));
            case ClassSessionEvent.ENDED ->
                retry.untilStored(TOPIC, () -> sessions.ended(event.tenantId(), event.sessionId()));
            default -> {
                Log.debugf("ignoring %s event", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
