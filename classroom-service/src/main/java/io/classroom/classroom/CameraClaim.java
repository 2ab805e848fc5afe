package io.classroom.classroom;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A camera held by one active session. The unique {@code _id} (tenant and camera) is the lock that keeps two sessions
 * of a tenant off one camera without multi-document transactions: an activation inserts one claim per camera before
 * it stores its session, and the end of the session deletes them. Holds no user id (nothing to erase).
 */
@MongoEntity(collection = "camera_claims")
public class CameraClaim {

    /** {@code tenantId + ":" + cameraId}. */
    @BsonId
    public String id;

    public String tenantId;
    public String cameraId;
    public String sessionId;
    public String classId;
    /** When the claim was made: a claim whose session is not stored yet is an activation in progress. */
    public Instant claimedAt;

    public static String key(String tenantId, String cameraId) {
        return tenantId + ":" + cameraId;
    }

    public static CameraClaim of(ClassSession session, String cameraId, Instant now) {
        var claim = new CameraClaim();
        claim.id = key(session.tenantId, cameraId);
        claim.tenantId = session.tenantId;
        claim.cameraId = cameraId;
        claim.sessionId = session.id;
        claim.classId = session.classId;
        claim.claimedAt = now;
        return claim;
    }
}
