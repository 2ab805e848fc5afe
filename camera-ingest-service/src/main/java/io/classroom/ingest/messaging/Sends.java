package io.classroom.ingest.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Sends on an emitter and tells when the broker stored the record. */
final class Sends {

    private Sends() {}

    /** Completes when Kafka acknowledged the record, exceptionally when it was lost. */
    static <T> CompletionStage<Void> acknowledged(Emitter<T> emitter, T payload, Metadata metadata) {
        var done = new CompletableFuture<Void>();
        emitter.send(Message.of(
                payload,
                metadata,
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
