package io.classroom.classroom.messaging;

import io.classroom.classroom.service.UserDirectoryService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code auth.users.v1}. An event is acknowledged once its effect is stored, so its offset is committed only
 * then; while MongoDB fails, the event is retried with back-off until it is stored (the partition waits, nothing is
 * dead-lettered for a store outage). Events that cannot be read or are invalid never get here: the channel sends them
 * to the dead-letter topic.
 */
@ApplicationScoped
public class AuthUsersConsumer {

    private final UserDirectoryService users;
    private final Duration firstRetry;
    private final Duration longestWait;
    private volatile boolean stopping;

    @Inject
    public AuthUsersConsumer(UserDirectoryService users) {
        this(users, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    AuthUsersConsumer(UserDirectoryService users, Duration firstRetry, Duration longestWait) {
        this.users = users;
        this.firstRetry = firstRetry;
        this.longestWait = longestWait;
    }

    /** From now on a failed event is left unacknowledged, to be read again after the restart. */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Incoming("auth-users-in")
    public Uni<Void> consume(UserEvent event) {
        return Uni.createFrom()
                .deferred(() -> users.apply(event))
                .onFailure()
                .invoke(e -> Log.warnf("Storing auth event %s failed, retrying: %s", event.eventId(), e.toString()))
                .onFailure(e -> !stopping)
                .retry()
                .withBackOff(firstRetry, longestWait)
                .indefinitely()
                .onFailure()
                .recoverWithUni(e -> {
                    Log.infof("Shutting down: auth event %s stays unacknowledged and is read again", event.eventId());
                    return Uni.createFrom().nothing();
                });
    }
}
