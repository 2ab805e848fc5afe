package io.classroom.analytics.repository;

import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.UpdateOptions;
import io.classroom.analytics.CameraCell;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Spatial face counts per camera grid cell. */
@ApplicationScoped
public class CameraCellRepository implements ReactivePanacheMongoRepositoryBase<CameraCell, String> {

    /** The id of a cell's aggregate: tenant, camera, session ("-" for none), column and row. */
    public static String id(String tenantId, String cameraId, String sessionId, int column, int row) {
        return String.join("/", tenantId, cameraId, sessionId, column + "", row + "");
    }

    /**
     * Moves a camera's cells to another camera id (a deleted user's webcam to its pseudonym): each count is added to
     * the cell of the new id, then the old cell goes.
     */
    public Uni<Void> rename(String tenantId, String cameraId, String newCameraId) {
        return find("tenantId = ?1 and cameraId = ?2", tenantId, cameraId)
                .list()
                .onItem()
                .transformToMulti(found -> Multi.createFrom().iterable(found))
                .onItem()
                .transformToUniAndConcatenate(cell -> {
                    var update = new Document(
                                    "$setOnInsert",
                                    new Document("tenantId", tenantId)
                                            .append("cameraId", newCameraId)
                                            .append("sessionId", cell.sessionId)
                                            .append("column", cell.column)
                                            .append("row", cell.row))
                            .append("$inc", new Document("faces", cell.faces).append("attentive", cell.attentive));
                    String moved = id(tenantId, newCameraId, cell.sessionId, cell.column, cell.row);
                    return mongoCollection()
                            .updateOne(eq("_id", moved), update, new UpdateOptions().upsert(true))
                            .chain(() -> deleteById(cell.id));
                })
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** Face and attentive counts per cell of a camera, summed over the given sessions (null: all sessions). */
    public Uni<List<CameraCell>> cells(String tenantId, String cameraId, Collection<String> sessionIds) {
        Bson filter = and(eq("tenantId", tenantId), eq("cameraId", cameraId));
        if (sessionIds != null) {
            filter = and(filter, in("sessionId", sessionIds));
        }
        return mongoCollection()
                .aggregate(
                        List.of(
                                match(filter),
                                group(
                                        new Document("column", "$column").append("row", "$row"),
                                        sum("faces", "$faces"),
                                        sum("attentive", "$attentive"))),
                        Document.class)
                .map(row -> {
                    Document key = row.get("_id", Document.class);
                    var cell = new CameraCell();
                    cell.cameraId = cameraId;
                    cell.column = ((Number) key.get("column")).intValue();
                    cell.row = ((Number) key.get("row")).intValue();
                    cell.faces = ((Number) row.get("faces")).longValue();
                    cell.attentive = ((Number) row.get("attentive")).longValue();
                    return cell;
                })
                .collect()
                .asList();
    }
}
