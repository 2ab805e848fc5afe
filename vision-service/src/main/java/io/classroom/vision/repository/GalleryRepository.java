package io.classroom.vision.repository;

import io.classroom.vision.GalleryFace;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Enrolled face vectors in PostgreSQL ({@code float4[]} with the model id), always filtered by tenant; the table is
 * created by the Flyway migrations ({@code db/migration}).
 */
@ApplicationScoped
public class GalleryRepository {

    private final Pool pool;

    public GalleryRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(String tenantId, UUID userId, String modelId, List<float[]> vectors) {
        var batch = new ArrayList<Tuple>(vectors.size());
        for (var v : vectors) {
            var boxed = new Float[v.length];
            for (int i = 0; i < v.length; i++) {
                boxed[i] = v[i];
            }
            batch.add(Tuple.of(UUID.randomUUID(), tenantId, userId, modelId).addArrayOfFloat(boxed));
        }
        return pool.preparedQuery(
                        "INSERT INTO gallery_face (face_id, tenant_id, user_id, model_id, vector) VALUES ($1, $2, $3, $4, $5)")
                .executeBatch(batch)
                .replaceWithVoid();
    }

    public Uni<List<GalleryFace>> findByUser(String tenantId, UUID userId) {
        return pool.preparedQuery(
                        "SELECT * FROM gallery_face WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at")
                .execute(Tuple.of(tenantId, userId))
                .map(rows -> {
                    var faces = new ArrayList<GalleryFace>();
                    rows.forEach(row -> faces.add(toFace(row)));
                    return faces;
                });
    }

    public Uni<Integer> countByUser(String tenantId, UUID userId) {
        return pool.preparedQuery("SELECT count(*) FROM gallery_face WHERE tenant_id = $1 AND user_id = $2")
                .execute(Tuple.of(tenantId, userId))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Every face of one model, for loading the in-memory index at start-up. */
    public Uni<List<GalleryFace>> findAll(String modelId) {
        return pool.preparedQuery("SELECT * FROM gallery_face WHERE model_id = $1")
                .execute(Tuple.of(modelId))
                .map(rows -> {
                    var faces = new ArrayList<GalleryFace>(rows.size());
                    rows.forEach(row -> faces.add(toFace(row)));
                    return faces;
                });
    }

    public Uni<Boolean> deleteFace(String tenantId, UUID userId, UUID faceId) {
        return pool.preparedQuery("DELETE FROM gallery_face WHERE tenant_id = $1 AND user_id = $2 AND face_id = $3")
                .execute(Tuple.of(tenantId, userId, faceId))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Integer> deleteUser(String tenantId, UUID userId) {
        return pool.preparedQuery("DELETE FROM gallery_face WHERE tenant_id = $1 AND user_id = $2")
                .execute(Tuple.of(tenantId, userId))
                .map(rows -> rows.rowCount());
    }

    private static GalleryFace toFace(Row row) {
        var boxed = row.getArrayOfFloats("vector");
        var vector = new float[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            vector[i] = boxed[i];
        }
        return new GalleryFace(
                row.getUUID("face_id"),
                row.getString("tenant_id"),
                row.getUUID("user_id"),
                row.getString("model_id"),
                vector,
                row.getOffsetDateTime("created_at"));
    }
}
