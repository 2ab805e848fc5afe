package io.classroom.vision.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Enrolled face vectors in PostgreSQL ({@code float4[]} with the model id), always filtered by tenant. */
@ApplicationScoped
public class GalleryRepository {

    private final Pool pool;

    public GalleryRepository(Pool pool) {
        this.pool = pool;
    }

    /** One stored face vector. */
    public record StoredFace(
            UUID faceId, String tenantId, UUID userId, String modelId, float[] vector, OffsetDateTime createdAt) {}

    public Uni<Void> createSchema() {
        return pool.query("""
                        CREATE TABLE IF NOT EXISTS gallery_face (
                            face_id uuid PRIMARY KEY,
                            tenant_id text NOT NULL,
                            user_id uuid NOT NULL,
                            model_id text NOT NULL,
                            vector float4[] NOT NULL,
                            created_at timestamptz NOT NULL DEFAULT now())""")
                .execute()
                .chain(() -> pool.query(
                                "CREATE INDEX IF NOT EXISTS gallery_face_user ON gallery_face (tenant_id, user_id)")
                        .execute())
                .replaceWithVoid();
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

    public Uni<List<StoredFace>> findByUser(String tenantId, UUID userId) {
        return pool.preparedQuery(
                        "SELECT * FROM gallery_face WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at")
                .execute(Tuple.of(tenantId, userId))
                .map(rows -> {
                    var faces = new ArrayList<StoredFace>();
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
    public Uni<List<StoredFace>> findAll(String modelId) {
        return pool.preparedQuery("SELECT * FROM gallery_face WHERE model_id = $1")
                .execute(Tuple.of(modelId))
                .map(rows -> {
                    var faces = new ArrayList<StoredFace>(rows.size());
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

    private static StoredFace toFace(Row row) {
        var boxed = row.getArrayOfFloats("vector");
        var vector = new float[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            vector[i] = boxed[i];
        }
        return new StoredFace(
                row.getUUID("face_id"),
                row.getString("tenant_id"),
                row.getUUID("user_id"),
                row.getString("model_id"),
                vector,
                row.getOffsetDateTime("created_at"));
    }
}
