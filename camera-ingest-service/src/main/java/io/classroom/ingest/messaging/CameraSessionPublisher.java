package io.classroom.ingest.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
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
        return Sends.acknowledged(emitter, event, Metadata.of(kafka));
    }
}
