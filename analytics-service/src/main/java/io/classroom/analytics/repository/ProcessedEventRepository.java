package io.classroom.analytics.repository;

import io.classroom.analytics.ProcessedEvent;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Claims event ids: the first claim of an id wins, later deliveries of the same event are skipped. */
@ApplicationScoped
public class ProcessedEventRepository implements ReactivePanacheMongoRepositoryBase<ProcessedEvent, String> {

    /** Records the event id; {@code false} when it was already processed. */
    public Uni<Boolean> claim(String eventId, String topic) {
        var event = new ProcessedEvent();
        event.id = eventId;
        event.topic = topic;
        event.at = Instant.now();
        return persist(event)
                .replaceWith(true)
                .onFailure(MongoErrors::isDuplicateKey)
                .recoverWithItem(false);
    }

    /** Forgets a claim whose effect could not be stored, so a redelivery applies it. */
    public Uni<Void> release(String eventId) {
        return deleteById(eventId).replaceWithVoid();
    }
}
