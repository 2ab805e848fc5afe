package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** The id of an event already applied: its unique {@code _id} makes every consumer idempotent. */
@MongoEntity(collection = "processed_events")
public class ProcessedEvent {
    @BsonId
    public String id;

    public String topic;
    public Instant at;
}
