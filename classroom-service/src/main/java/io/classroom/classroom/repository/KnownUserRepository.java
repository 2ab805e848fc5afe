package io.classroom.classroom.repository;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.classroom.classroom.KnownUser;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;

/** Display names learned from auth.users.v1, keyed by tenant and user. */
@ApplicationScoped
public class KnownUserRepository implements ReactivePanacheMongoRepositoryBase<KnownUser, String> {

    public Uni<String> displayName(String tenantId, String userId) {
        return findById(KnownUser.key(tenantId, userId)).onItem().ifNotNull().transform(u -> u.displayName);
    }

    public Uni<Void> upsert(String tenantId, String userId, String displayName, Instant at) {
        return mongoCollection()
                .updateOne(
                        eq("_id", KnownUser.key(tenantId, userId)),
                        Updates.combine(
                                Updates.set("tenantId", tenantId),
                                Updates.set("userId", userId),
                                Updates.set("displayName", displayName),
                                Updates.set("updatedAt", Date.from(at))),
                        new UpdateOptions().upsert(true))
                .replaceWithVoid();
    }

    public Uni<Void> remove(String tenantId, String userId) {
        return deleteById(KnownUser.key(tenantId, userId)).replaceWithVoid();
    }
}
