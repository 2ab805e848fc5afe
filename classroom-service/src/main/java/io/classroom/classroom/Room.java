package io.classroom.classroom;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/** A room and the ids of its cameras (the cameras themselves live in camera-ingest-service). */
@MongoEntity(collection = "rooms")
public class Room {

    @BsonId
    public String id;

    public String tenantId;
    public String name;
    public String location;
    public List<String> cameraIds = new ArrayList<>();
    public Instant createdAt;
    public Instant updatedAt;
}
