package io.classroom.classroom.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.classroom.classroom.ProcessedEvent;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Ids of consumed events; a TTL index forgets them after the configured retention. */
@ApplicationScoped
public class ProcessedEventRepository implements ReactivePanacheMongoRepositoryBase<ProcessedEvent, String> {

    public Uni<Boolean> seen(String eventId) {
        return findById(eventId).map(e -> e != null);
    }

    public Uni<Void> remember(String eventId, Instant now) {
        return persist(new ProcessedEvent(eventId, now))
                .replaceWithVoid()
                // A redelivery racing with the first processing: the id is already there, which is what we want.
                .onFailure(e ->
                        e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY)
                .recoverWithNull();
    }
}
