package io.classroom.classroom.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.classroom.classroom.CameraClaim;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * Camera claims: each write is one conditional single-document operation, so concurrent activations on several
 * replicas cannot both hold a camera.
 */
@ApplicationScoped
public class CameraClaimRepository implements ReactivePanacheMongoRepositoryBase<CameraClaim, String> {

    /** Inserts the claim; false when the camera is claimed already (the unique {@code _id} refused it). */
    public Uni<Boolean> tryInsert(CameraClaim claim) {
        return persist(claim)
                .replaceWith(true)
                .onFailure(CameraClaimRepository::isDuplicateKey)
                .recoverWithItem(false);
    }

    /** Replaces a claim still held by {@code staleSessionId}; false when someone changed or freed it meanwhile. */
    public Uni<Boolean> takeOver(CameraClaim claim, String staleSessionId) {
        return mongoCollection()
                .replaceOne(and(eq("_id", claim.id), eq("sessionId", staleSessionId)), claim)
                .map(r -> r.getMatchedCount() == 1);
    }

    /** Deletes the claims that {@code sessionId} holds on these cameras (claims taken over since stay). */
    public Uni<Void> release(String tenantId, Collection<String> cameraIds, String sessionId) {
        if (cameraIds == null || cameraIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var keys = cameraIds.stream().map(c -> CameraClaim.key(tenantId, c)).toList();
        return mongoCollection()
                .deleteMany(and(in("_id", keys), eq("sessionId", sessionId)))
                .replaceWithVoid();
    }

    private static boolean isDuplicateKey(Throwable e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
