package io.classroom.classroom.messaging;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.createClass;
import static io.classroom.classroom.ClassroomApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.classroom.classroom.ClassroomApi.User;
import io.classroom.classroom.repository.CameraClaimRepository;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.classroom.repository.KnownUserRepository;
import io.classroom.classroom.repository.ProcessedEventRepository;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** auth.users.v1 on the real broker: rosters follow renames and deletions, once per event id. */
@QuarkusTest
class AuthUsersConsumerIT {

    private static final String TOPIC = "auth.users.v1";
    private static final Duration HANG = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Inject
    KnownUserRepository knownUsers;

    @Inject
    ProcessedEventRepository processed;

    @Inject
    ClassRepository classes;

    @Inject
    ClassSessionRepository sessions;

    @Inject
    CameraClaimRepository cameraClaims;

    private final String tenant = TestTokens.newTenant();
    private final User teacher = user(tenant, "TEACHER");
    private final String userId = UUID.randomUUID().toString();

    @Test
    void rostersFollowUserEventsOncePerEventId() {
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var registered = UUID.randomUUID().toString();
            send(kafka, event(registered, "UserRegistered", "Ada Lovelace"));
            await().atMost(HANG)
                    .until(() -> "Ada Lovelace"
                            .equals(knownUsers
                                    .displayName(tenant, userId)
                                    .await()
                                    .atMost(HANG)));

            // The teacher adds the registered user: the roster shows the name learned from auth.
            var classId = createClass(teacher, "Physics");
            var roster = "/api/classroom/classes/" + classId + "/roster";
            as(teacher)
                    .put("/api/classroom/classes/" + classId + "/students/" + userId)
                    .then()
                    .statusCode(200);
            assertThat(names(roster)).containsExactly("Ada Lovelace");
            var sessionIds = List.of(runSession(classId), runSession(classId));

            var renamed = UUID.randomUUID().toString();
            send(kafka, event(renamed, "UserUpdated", "Ada King"));
            await().atMost(HANG).until(() -> names(roster).equals(List.of("Ada King")));

            // A redelivered event is skipped, and messages that cannot be read or are invalid go to the dead-letter
            // topic without blocking the next ones (same key, same partition: the marker comes after them).
            send(kafka, event(renamed, "UserUpdated", "Stale Name"));
            send(kafka, "{not json");
            var nameless = UUID.randomUUID().toString();
            send(kafka, event(nameless, "UserUpdated", null));
            var marker = UUID.randomUUID().toString();
            send(kafka, event(marker, "UserLoggedIn", null));
            await().atMost(HANG).until(() -> processed.seen(marker).await().atMost(HANG));
            assertThat(names(roster)).containsExactly("Ada King");
            assertThat(processed.seen(nameless).await().atMost(HANG)).isFalse();
            try (var deadLetters = kafka.consumeStrings().fromTopics("auth.users.v1.classroom-service.dlq")) {
                await().atMost(HANG)
                        .until(() -> deadLetters.getRecords().stream()
                                        .filter(r -> userId.equals(r.key()))
                                        .count()
                                >= 2);
                var mine = deadLetters.getRecords().stream()
                        .filter(r -> userId.equals(r.key()))
                        .toList();
                assertThat(mine.get(0).value()).isEqualTo("{not json");
                assertThat(mine.get(1).value()).contains(nameless);
                assertThat(reason(mine.get(1))).contains("needs a displayName");
            }

            send(kafka, event(UUID.randomUUID().toString(), "UserDeleted", null));
            await().atMost(HANG).until(() -> names(roster).isEmpty());
            assertThat(knownUsers.displayName(tenant, userId).await().atMost(HANG))
                    .isNull();

            // Ended sessions keep their head count, each with a random id of its own in place of the user's: no
            // link between them.
            var pseudonyms = new ArrayList<String>();
            for (var sessionId : sessionIds) {
                List<String> snapshot = as(teacher)
                        .get("/api/classroom/sessions/" + sessionId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("roster");
                assertThat(snapshot).hasSize(1).doesNotContain(userId);
                pseudonyms.addAll(snapshot);
            }
            assertThat(pseudonyms).doesNotHaveDuplicates();
            // Nothing of the user is left in any collection of the tenant.
            for (var collection : List.of(
                    classes.mongoCollection(),
                    sessions.mongoCollection(),
                    knownUsers.mongoCollection(),
                    cameraClaims.mongoCollection())) {
                assertThat(collection
                                .withDocumentClass(Document.class)
                                .find(Filters.eq("tenantId", tenant))
                                .map(Document::toJson)
                                .collect()
                                .asList()
                                .await()
                                .atMost(HANG))
                        .noneMatch(json -> json.contains(userId));
            }
        }
    }

    private String runSession(String classId) {
        String sessionId = as(teacher)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(teacher).post("/api/classroom/sessions/" + sessionId + "/end").then().statusCode(200);
        return sessionId;
    }

    private List<String> names(String rosterPath) {
        return as(teacher).get(rosterPath).then().statusCode(200).extract().path("displayName");
    }

    private String event(String eventId, String type, String displayName) {
        var fields = new LinkedHashMap<String, Object>();
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
            return new ObjectMapper().writeValueAsString(fields);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String reason(ConsumerRecord<String, String> deadLetter) {
        return new String(deadLetter.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    private void send(KafkaCompanion kafka, String json) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(TOPIC, userId, json))
                .awaitCompletion(HANG);
    }
}
