package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/** Faces seen in one cell of a camera's frame grid during one session, maintained with {@code $inc} on ingest. */
@MongoEntity(collection = "camera_cells")
public class CameraCell {
    /** {@code tenantId/cameraId/sessionId/column/row}. */
    @BsonId
    public String id;

    public String tenantId;
    public String cameraId;
    public String sessionId;
    public int column;
    public int row;
    public long faces;
    public long attentive;
}
