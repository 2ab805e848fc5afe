package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** Face counts of one class session minute, maintained with {@code $inc} on ingest; outlives the raw frames. */
@MongoEntity(collection = "engagement_minutes")
public class EngagementMinute {
    /** {@code tenantId/sessionId/epochMinute}. */
    @BsonId
    public String id;

    public String tenantId;
    public String sessionId;
    public Instant minute;
    public long frames;
    public long faces;
    public long attentive;
    public long identified;
    public long unknown;
    public long maxUnknown;
}
