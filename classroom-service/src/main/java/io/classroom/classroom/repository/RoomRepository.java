package io.classroom.classroom.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import io.classroom.classroom.Room;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Rooms of a tenant. */
@ApplicationScoped
public class RoomRepository implements ReactivePanacheMongoRepositoryBase<Room, String> {

    public Uni<Room> findInTenant(String tenantId, String id) {
        return find(and(eq("_id", id), eq("tenantId", tenantId))).firstResult();
    }

    public Uni<List<Room>> list(String tenantId, int page, int size) {
        return find(eq("tenantId", tenantId), Sorts.ascending("name", "_id"))
                .page(Page.of(page, size))
                .list();
    }

    public Uni<Long> count(String tenantId) {
        return count(eq("tenantId", tenantId));
    }

    public Uni<Boolean> deleteInTenant(String tenantId, String id) {
        return delete(and(eq("_id", id), eq("tenantId", tenantId))).map(n -> n == 1);
    }
}
