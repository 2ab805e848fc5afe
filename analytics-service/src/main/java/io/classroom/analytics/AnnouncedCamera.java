package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** A camera's name and room as camera-ingest last announced them (ingest.cameras.v1), for heatmap titles. */
@MongoEntity(collection = "cameras")
public class AnnouncedCamera {
    /** {@code tenantId/cameraId}. */
    @BsonId
    public String id;

    public String tenantId;
    public String cameraId;
    public String name;
    public String roomId;
    public Instant announcedAt;
}
