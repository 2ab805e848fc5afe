package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/** Display data of a user for reports, from auth.users.v1; removed when the user is deleted. */
@MongoEntity(collection = "users")
public class UserProfile {
    /** {@code tenantId/userId}. */
    @BsonId
    public String id;

    public String tenantId;
    public String userId;
    public String displayName;
    public String email;
}
