package io.classroom.analytics.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.ReplaceOptions;
import io.classroom.analytics.AnnouncedCamera;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Cameras' names and rooms, the latest announcement winning whatever order the events arrive in. */
@ApplicationScoped
public class AnnouncedCameraRepository implements ReactivePanacheMongoRepositoryBase<AnnouncedCamera, String> {

    public static String id(String tenantId, String cameraId) {
        return tenantId + "/" + cameraId;
    }

    /** Replaces the stored camera unless it was announced later than this one. */
    public Uni<Void> announce(AnnouncedCamera camera) {
        camera.id = id(camera.tenantId, camera.cameraId);
        var olderOrAbsent =
                and(eq("_id", camera.id), or(exists("announcedAt", false), lt("announcedAt", camera.announcedAt)));
        return mongoCollection()
                .replaceOne(olderOrAbsent, camera, new ReplaceOptions().upsert(true))
                .replaceWithVoid()
                // A newer announcement is stored: the upsert collides with it on the id.
                .onFailure(MongoErrors::isDuplicateKey)
                .recoverWithNull();
    }

    public Uni<AnnouncedCamera> find(String tenantId, String cameraId) {
        return findById(id(tenantId, cameraId));
    }
}
