package io.classroom.analytics.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import io.classroom.analytics.RoomSnapshot;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/** Room snapshots per session and camera; the first one announced is kept. */
@ApplicationScoped
public class RoomSnapshotRepository implements ReactivePanacheMongoRepositoryBase<RoomSnapshot, String> {

    public static String id(String tenantId, String sessionId, String cameraId) {
        return tenantId + "/" + sessionId + "/" + cameraId;
    }

    /** Stores the snapshot unless the session already has one of this camera (a restarted stream announces again). */
    public Uni<Void> keepFirst(RoomSnapshot snapshot) {
        return persist(snapshot)
                .replaceWithVoid()
                .onFailure(MongoErrors::isDuplicateKey)
                .recoverWithNull();
    }

    public Uni<RoomSnapshot> find(String tenantId, String sessionId, String cameraId) {
        return findById(id(tenantId, sessionId, cameraId));
    }

    public Uni<Long> deleteForSessions(String tenantId, Collection<String> sessionIds) {
        return mongoCollection()
                .deleteMany(and(eq("tenantId", tenantId), in("sessionId", sessionIds)))
                .map(result -> result.getDeletedCount());
    }
}
