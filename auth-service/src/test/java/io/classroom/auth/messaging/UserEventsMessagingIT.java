package io.classroom.auth.messaging;

import static io.classroom.auth.TestAccounts.accessToken;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.testing.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * What auth-service puts on auth.users.v1 for every account change (through the outbox), read back from the real broker
 * and checked against the JSON Schemas.
 */
@QuarkusTest
class UserEventsMessagingIT {

    private static final String TOPIC = UserEvent.TOPIC;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Test
    void everyAccountChangeIsPublishedInTheContractShape() {
        var tenant = randomTenant();
        var adminToken = newTenantWithAdmin(tenant, randomEmail(tenant));
        var email = randomEmail(tenant);
        var userId = register(tenant, email, "STUDENT");
        given().auth()
                .oauth2(accessToken(tenant, email))
                .contentType(ContentType.JSON)
                .body(Map.of("displayName", "Renamed"))
                .patch("/api/auth/users/me")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("TEACHER")))
                .put("/api/auth/users/" + userId + "/roles")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(adminToken)
                .post("/api/auth/users/" + userId + "/disable")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(adminToken)
                .delete("/api/auth/users/" + userId)
                .then()
                .statusCode(204);
        // A refused change publishes nothing.
        client().body(Map.of(
                        "tenant", tenant,
                        "email", email.toUpperCase(),
                        "password", "short",
                        "displayName", "x",
                        "role", "STUDENT"))
                .post("/api/auth/register")
                .then()
                .statusCode(400);

        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var records = kafka.consumeStrings()
                    .withGroupId("auth-test-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(TOPIC, multi -> multi.select().where(record -> tenant.equals(tenantOf(record.value()))))
                    .awaitRecords(6, Duration.ofSeconds(60))
                    .getRecords();

            var types = records.stream()
                    .map(record -> parse(record.value()).get("type").asText())
                    .toList();
            // Order is kept per key (partition), not across users.
            assertThat(types)
                    .containsExactlyInAnyOrder(
                            "UserRegistered",
                            "UserRegistered",
                            "UserUpdated",
                            "UserUpdated",
                            "UserUpdated",
                            "UserDeleted");
            for (var record : records) {
                var event = parse(record.value());
                assertThat(record.key()).isEqualTo(event.get("userId").asText());
                assertThat(EventSchemas.validate(TOPIC, record.value()))
                        .as(record.value())
                        .isEmpty();
            }
            var studentEvents = records.stream()
                    .filter(record -> record.key().equals(userId))
                    .map(record -> parse(record.value()))
                    .toList();
            assertThat(studentEvents)
                    .extracting(event -> event.get("type").asText())
                    .containsExactly("UserRegistered", "UserUpdated", "UserUpdated", "UserUpdated", "UserDeleted");
            assertThat(studentEvents.get(1).get("displayName").asText()).isEqualTo("Renamed");
            assertThat(studentEvents.get(2).get("roles").toString()).isEqualTo("[\"TEACHER\"]");
            assertThat(studentEvents.get(3).get("disabled").asBoolean()).isTrue();
        }
    }

    /** Other teams' tests may put anything on the shared topic: only our tenant's well-formed records count. */
    private static String tenantOf(String value) {
        try {
            return value == null ? null : JSON.readTree(value).path("tenantId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
