package io.classroom.classroom;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** A consumed event id, kept for a while (TTL index) to make the consumer idempotent. */
@MongoEntity(collection = "processed_events")
public class ProcessedEvent {

    @BsonId
    public String id;

    public Instant processedAt;

    public ProcessedEvent() {}

    public ProcessedEvent(String id, Instant processedAt) {
        this.id = id;
        this.processedAt = processedAt;
    }
}
