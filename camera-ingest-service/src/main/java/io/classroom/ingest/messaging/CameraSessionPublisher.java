package io.classroom.ingest.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Publishes {@link CameraSessionStarted} on ingest.cameras.v1, keyed by camera id. */
@ApplicationScoped
public class CameraSessionPublisher {

    private final Emitter<CameraSessionStarted> emitter;

    public CameraSessionPublisher(@Channel("ingest-cameras-out") Emitter<CameraSessionStarted> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker stored the event, exceptionally when it could not. */
    public CompletionStage<Void> publish(CameraSessionStarted event) {
        var kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.cameraId().toString())
                .build();
        var done = new CompletableFuture<Void>();
        emitter.send(Message.of(
                event,
                Metadata.of(kafka),
                () -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                error -> {
                    done.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }
}
