package io.classroom.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The platform contract every service keeps: health, metrics, OpenAPI, problem bodies, real stores and Kafka. */
@QuarkusTest
class PlatformEndpointsTest {

    @Inject
    ReactiveMongoClient mongo;

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
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("analytics-service"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void mongoRoundTrip() {
        var collection = mongo.getDatabase("analytics").getCollection("platform_check");
        var id = UUID.randomUUID().toString();
        collection.insertOne(new Document("_id", id)).await().atMost(Duration.ofSeconds(10));
        var found = collection
                .find(new Document("_id", id))
                .collect()
                .first()
                .await()
                .atMost(Duration.ofSeconds(10));
        collection.deleteOne(new Document("_id", id)).await().atMost(Duration.ofSeconds(10));
        assertThat(found.getString("_id")).isEqualTo(id);
    }

    @Test
    void kafkaRoundTrip() {
        var topic = "platform-check.analytics." + UUID.randomUUID();
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
