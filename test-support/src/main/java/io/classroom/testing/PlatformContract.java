package io.classroom.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The platform contract every service keeps (health, metrics, OpenAPI, problem bodies, Kafka). A service's
 * {@code PlatformEndpointsIT} extends it, is a {@code @QuarkusTest}, and adds a round trip to each of its stores.
 */
public abstract class PlatformContract {

    /** The service's {@code quarkus.application.name}. */
    protected abstract String serviceName();

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
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo(serviceName()));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void everyOperationHasASummaryAnExampleAndItsClientErrors() throws Exception {
        var spec = new ObjectMapper()
                .readTree(given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertThat(OpenApiDocumentation.incompleteOperations(spec))
                .as("operations of %s's OpenAPI a frontend team cannot code against", serviceName())
                .isEmpty();
    }

    @Test
    void kafkaRoundTrip() {
        var servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        var topic = "platform-check." + serviceName() + "." + UUID.randomUUID();
        try (var kafka = new KafkaCompanion(servers)) {
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(topic, "key", "ping"))
                    .awaitCompletion(Duration.ofSeconds(60));
            var record = kafka.consumeStrings()
                    .fromTopics(topic, 1)
                    .awaitCompletion(Duration.ofSeconds(60))
                    .getFirstRecord();
            assertThat(record.value()).isEqualTo("ping");
        }
    }
}
