package io.classroom.vision.repository;

import io.classroom.vision.pipeline.Calibration;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Per-source board calibration, keyed by tenant and source. */
@ApplicationScoped
public class CalibrationRepository {

    private final Pool pool;

    public CalibrationRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Calibration> find(String tenantId, String sourceId) {
        return pool.preparedQuery("SELECT * FROM source_calibration WHERE tenant_id = $1 AND source_id = $2")
                .execute(Tuple.of(tenantId, sourceId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    var row = it.next();
                    return new Calibration(
                            row.getDouble("board_yaw_deg"),
                            row.getDouble("board_pitch_deg"),
                            row.getDouble("yaw_tolerance_deg"),
                            row.getDouble("pitch_tolerance_deg"));
                });
    }

    public Uni<Void> upsert(String tenantId, String sourceId, Calibration c) {
        return pool.preparedQuery("""
                        INSERT INTO source_calibration
                            (tenant_id, source_id, board_yaw_deg, board_pitch_deg, yaw_tolerance_deg, pitch_tolerance_deg)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (tenant_id, source_id) DO UPDATE SET
                            board_yaw_deg = EXCLUDED.board_yaw_deg, board_pitch_deg = EXCLUDED.board_pitch_deg,
                            yaw_tolerance_deg = EXCLUDED.yaw_tolerance_deg,
                            pitch_tolerance_deg = EXCLUDED.pitch_tolerance_deg, updated_at = now()""")
                .execute(Tuple.tuple()
                        .addString(tenantId)
                        .addString(sourceId)
                        .addDouble(c.boardYawDeg())
                        .addDouble(c.boardPitchDeg())
                        .addDouble(c.yawToleranceDeg())
                        .addDouble(c.pitchToleranceDeg()))
                .replaceWithVoid();
    }

    public Uni<Boolean> delete(String tenantId, String sourceId) {
        return pool.preparedQuery("DELETE FROM source_calibration WHERE tenant_id = $1 AND source_id = $2")
                .execute(Tuple.of(tenantId, sourceId))
                .map(rows -> rows.rowCount() > 0);
    }
}
