package io.classroom.auth.messaging;

import io.classroom.auth.service.Problems;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes to {@code auth.users.v1} and completes only when the broker acknowledged the record. Callers publish inside
 * their database transaction, so a failed send rolls the change back and the HTTP call fails (503) instead of silently
 * losing the event.
 */
@ApplicationScoped
public class UserEventPublisher {

    private final MutinyEmitter<UserEvent> emitter;

    UserEventPublisher(@Channel("auth-users") MutinyEmitter<UserEvent> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(UserEvent event) {
        var message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(event.userId().toString())
                        .build());
        // The acknowledgement arrives on a Kafka thread: continue on the caller's Vert.x context (its DB session).
        Context context = Vertx.currentContext();
        Uni<Void> sent = emitter.sendMessage(message);
        if (context != null) {
            sent = sent.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return sent.onFailure().transform(e -> {
            Log.errorf(e, "Could not publish %s for user %s", event.type(), event.userId());
            return Problems.of(
                    503,
                    "event-publishing-failed",
                    "Service unavailable",
                    "The change could not be announced to the other services and was not saved; retry later.");
        });
    }
}
