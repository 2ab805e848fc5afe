package io.classroom.classroom.messaging;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.createClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.classroom.classroom.Tokens;
import io.classroom.classroom.repository.KnownUserRepository;
import io.classroom.classroom.repository.ProcessedEventRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** auth.users.v1 on the real broker: rosters follow renames and deletions, once per event id. */
@QuarkusTest
class AuthUsersConsumerMessagingTest {

    private static final String TOPIC = "auth.users.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Inject
    KnownUserRepository knownUsers;

    @Inject
    ProcessedEventRepository processed;

    private final String tenant = Tokens.newTenant();
    private final Tokens teacher = Tokens.of(tenant, "TEACHER");
    private final String userId = UUID.randomUUID().toString();

    @Test
    void rostersFollowUserEventsOncePerEventId() {
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var registered = UUID.randomUUID().toString();
            send(kafka, event(registered, "UserRegistered", "Ada Lovelace"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "Ada Lovelace"
                            .equals(knownUsers
                                    .displayName(tenant, userId)
                                    .await()
                                    .atMost(Duration.ofSeconds(5))));

            // The teacher adds the registered user: the roster shows the name learned from auth.
            var classId = createClass(teacher, "Physics");
            var roster = "/api/classroom/classes/" + classId + "/roster";
            as(teacher)
                    .put("/api/classroom/classes/" + classId + "/students/" + userId)
                    .then()
                    .statusCode(200);
            assertThat(names(roster)).containsExactly("Ada Lovelace");
            String sessionId = as(teacher)
                    .post("/api/classroom/classes/" + classId + "/sessions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(teacher)
                    .post("/api/classroom/sessions/" + sessionId + "/end")
                    .then()
                    .statusCode(200);

            var renamed = UUID.randomUUID().toString();
            send(kafka, event(renamed, "UserUpdated", "Ada King"));
            await().atMost(Duration.ofSeconds(30)).until(() -> names(roster).equals(List.of("Ada King")));

            // A redelivered event is skipped, and a message that cannot be read goes to the dead-letter topic
            // without blocking the next ones (same key, same partition: the marker comes after both).
            send(kafka, event(renamed, "UserUpdated", "Stale Name"));
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(TOPIC, userId, "{not json"))
                    .awaitCompletion(Duration.ofSeconds(20));
            var marker = UUID.randomUUID().toString();
            send(kafka, event(marker, "UserLoggedIn", null));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> processed.seen(marker).await().atMost(Duration.ofSeconds(5)));
            assertThat(names(roster)).containsExactly("Ada King");
            try (var deadLetters = kafka.consumeStrings().fromTopics("auth.users.v1.classroom-dlq")) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> deadLetters.getRecords().stream()
                                .anyMatch(r -> userId.equals(r.key()) && "{not json".equals(r.value())));
            }

            send(kafka, event(UUID.randomUUID().toString(), "UserDeleted", null));
            await().atMost(Duration.ofSeconds(30)).until(() -> names(roster).isEmpty());
            assertThat(knownUsers.displayName(tenant, userId).await().atMost(Duration.ofSeconds(5)))
                    .isNull();

            // The ended session keeps its head count, without the deleted user's id.
            List<String> snapshot = as(teacher)
                    .get("/api/classroom/sessions/" + sessionId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("roster");
            assertThat(snapshot).hasSize(1).doesNotContain(userId);
        }
    }

    private List<String> names(String rosterPath) {
        return as(teacher).get(rosterPath).then().statusCode(200).extract().path("displayName");
    }

    private String event(String eventId, String type, String displayName) {
        var fields = new java.util.LinkedHashMap<String, Object>();
        fields.put("eventId", eventId);
        fields.put("type", type);
        fields.put("occurredAt", "2026-09-01T08:00:00Z");
        fields.put("tenantId", tenant);
        fields.put("userId", userId);
        if (displayName != null) {
            fields.put("email", "ada@" + tenant + ".example");
            fields.put("displayName", displayName);
            fields.put("roles", List.of("STUDENT"));
            fields.put("disabled", false);
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.copyOf(fields));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void send(KafkaCompanion kafka, String json) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(TOPIC, userId, json))
                .awaitCompletion(Duration.ofSeconds(20));
    }
}
