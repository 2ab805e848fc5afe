package io.classroom.vision;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.testing.PlatformContract;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The platform contract, plus a round trip to this service's store (a table of its migrated schema). */
@QuarkusTest
class PlatformEndpointsIT extends PlatformContract {

    @Inject
    Pool postgres;

    @Override
    protected String serviceName() {
        return "vision-service";
    }

    @Test
    void postgresRoundTrip() {
        var tenant = TestTokens.newTenant();
        postgres.preparedQuery("""
                        INSERT INTO source_calibration
                            (tenant_id, source_id, board_yaw_deg, board_pitch_deg, yaw_tolerance_deg, pitch_tolerance_deg)
                        VALUES ($1, 'platform-check', 0, 0, 25, 20)""").executeAndAwait(Tuple.of(tenant));
        var rows = postgres.preparedQuery(
                        "DELETE FROM source_calibration WHERE tenant_id = $1 RETURNING current_database()")
                .executeAndAwait(Tuple.of(tenant));
        assertThat(rows.rowCount()).isEqualTo(1);
        assertThat(rows.iterator().next().getString(0)).isEqualTo("vision");
    }
}
