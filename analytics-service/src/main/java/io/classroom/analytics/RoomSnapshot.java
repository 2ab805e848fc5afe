package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * The room as one camera saw it when a class session started, blurred by camera-ingest so that no one can be
 * recognised: the background of the session's camera heatmap. Kept no longer than the session's detailed report (TTL
 * on {@code storedAt}, {@code analytics.observation-retention}) and erased when a student of the session is erased.
 */
@MongoEntity(collection = "room_snapshots")
public class RoomSnapshot {
    /** {@code tenantId/sessionId/cameraId}. */
    @BsonId
    public String id;

    public String tenantId;
    public String sessionId;
    public String cameraId;
    public Instant capturedAt;
    public int width;
    public int height;
    public byte[] jpeg;
    public Instant storedAt;
}
