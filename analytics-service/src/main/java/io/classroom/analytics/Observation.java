package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/** A raw analysed frame; expires after the configured retention (TTL on {@code ingestedAt}). */
@MongoEntity(collection = "observations")
public class Observation {

    /** One detected face, its box normalised to the frame. */
    public static class Face {
        public double x;
        public double y;
        public double width;
        public double height;
        public boolean attentive;
        public String userId;
        public Double similarity;
    }

    /** {@code tenantId/frameId}. */
    @BsonId
    public String id;

    public String tenantId;
    public String frameId;
    public String sourceId;
    public String sessionId;
    public Instant capturedAt;
    public Instant ingestedAt;
    public int unknownFaces;
    public List<Face> faces;
}
