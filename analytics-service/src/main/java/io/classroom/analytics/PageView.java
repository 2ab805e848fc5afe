package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.types.ObjectId;

/** One page view of a web app user, with the time spent on the page. */
@MongoEntity(collection = "page_views")
public class PageView {
    public ObjectId id;
    public String tenantId;
    public String userId;
    /** The application the view happened in ({@link App}). */
    public String app;

    public String page;
    public long timeSpentSeconds;
    public Instant at;
}
