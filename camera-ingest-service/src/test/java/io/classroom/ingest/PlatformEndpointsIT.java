package io.classroom.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.testing.PlatformContract;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The platform contract, plus a round trip to each store of this service. */
@QuarkusTest
class PlatformEndpointsIT extends PlatformContract {

    @Inject
    Pool postgres;

    @Inject
    RedisDataSource redis;

    @Override
    protected String serviceName() {
        return "camera-ingest-service";
    }

    @Test
    void postgresRoundTrip() {
        var row = postgres.query("SELECT current_database(), (SELECT count(*) FROM cameras) >= 0")
                .executeAndAwait()
                .iterator()
                .next();
        assertThat(row.getString(0)).isEqualTo("ingest");
        assertThat(row.getBoolean(1)).isTrue();
    }

    @Test
    void redisRoundTrip() {
        var key = "platform-check:" + UUID.randomUUID();
        var values = redis.value(String.class);
        values.setex(key, 30, "ok");
        assertThat(values.getdel(key)).isEqualTo("ok");
    }
}
