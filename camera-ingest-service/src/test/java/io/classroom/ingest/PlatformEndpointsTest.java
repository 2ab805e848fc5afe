package io.classroom.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The platform contract every service keeps: health, metrics, OpenAPI, problem bodies, real stores and Kafka. */
@QuarkusTest
class PlatformEndpointsTest {

    @Inject
    Pool postgres;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Test
    void readinessIsUpWithItsStoresAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void unknownRouteGetsAProblemBody() {
        given().get("/no/such/route")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", notNullValue())
                .body("status", equalTo(404))
                .body("detail", notNullValue());
    }

    @Test
    void openApiAndMetricsAreServed() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("camera-ingest-service"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void postgresRoundTrip() {
        var id = UUID.randomUUID();
        postgres.query("CREATE TABLE IF NOT EXISTS platform_check (id uuid PRIMARY KEY)")
                .executeAndAwait();
        postgres.preparedQuery("INSERT INTO platform_check (id) VALUES ($1)").executeAndAwait(Tuple.of(id));
        var rows = postgres.preparedQuery("DELETE FROM platform_check WHERE id = $1 RETURNING current_database()")
                .executeAndAwait(Tuple.of(id));
        assertThat(rows.iterator().next().getString(0)).isEqualTo("ingest");
    }

    @Test
    void redisRoundTrip() {
        var key = "platform-check:" + UUID.randomUUID();
        var values = redis.value(String.class);
        values.setex(key, 30, "ok");
        assertThat(values.getdel(key)).isEqualTo("ok");
    }

    @Test
    void kafkaRoundTrip() {
        var topic = "platform-check.ingest." + UUID.randomUUID();
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(topic, "key", "ping"))
                    .awaitCompletion(Duration.ofSeconds(20));
            var record = kafka.consumeStrings()
                    .fromTopics(topic, 1)
                    .awaitCompletion(Duration.ofSeconds(20))
                    .getFirstRecord();
            assertThat(record.value()).isEqualTo("ping");
        }
    }
}
