package io.classroom.classroom;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** Display name of a user learned from {@code auth.users.v1}, used when the user joins or is added to a class. */
@MongoEntity(collection = "users")
public class KnownUser {

    /** {@code tenantId + ":" + userId}. */
    @BsonId
    public String id;

    public String tenantId;
    public String userId;
    public String displayName;
    public Instant updatedAt;

    public static String key(String tenantId, String userId) {
        return tenantId + ":" + userId;
    }
}
