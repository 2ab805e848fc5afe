package io.classroom.classroom.messaging;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.classBody;
import static io.classroom.classroom.ClassroomApi.createRoom;
import static io.classroom.classroom.ClassroomApi.join;
import static io.classroom.classroom.ClassroomApi.joinCode;
import static io.classroom.classroom.ClassroomApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.classroom.ClassroomApi.User;
import io.classroom.testing.EventSchemas;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session events on the real broker: keyed by class id, in the shape of the published schemas. */
@QuarkusTest
class ClassSessionMessagingIT {

    private static final String TOPIC = "classroom.sessions.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    private final ObjectMapper mapper = new ObjectMapper();
    private final String tenant = TestTokens.newTenant();
    private final User teacher = user(tenant, "TEACHER");
    private KafkaCompanion kafka;
    private ConsumerTask<String, String> consumer;

    @BeforeEach
    void subscribe() {
        kafka = new KafkaCompanion(kafkaServers);
        consumer = kafka.consumeStrings().fromTopics(TOPIC);
    }

    @AfterEach
    void close() {
        consumer.close();
        kafka.close();
    }

    @Test
    void activationAndDeactivationPublishSchemaValidEventsKeyedByClass() throws Exception {
        var student = user(tenant, "STUDENT");
        var roomId = createRoom(user(tenant, "ADMIN"), "Room A", "cam-front");
        var body = new HashMap<>(classBody("Physics"));
        body.put("defaultRoomId", roomId);
        body.put("attendanceThreshold", 80);
        String classId = as(teacher)
                .body(body)
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        join(student, joinCode(teacher, classId));
        String sessionId = as(teacher)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(teacher).post("/api/classroom/sessions/" + sessionId + "/end").then().statusCode(200);

        var events = eventsOf(classId, 2);
        var started = events.get(0);
        var ended = events.get(1);
        assertThat(EventSchemas.validate(TOPIC, started.toString())).isEmpty();
        assertThat(EventSchemas.validate(TOPIC, ended.toString())).isEmpty();
        assertThat(started.get("type").asText()).isEqualTo("ClassSessionStarted");
        assertThat(started.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(started.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(started.get("teacherId").asText()).isEqualTo(teacher.userId());
        assertThat(started.get("roomId").asText()).isEqualTo(roomId);
        assertThat(started.get("roomName").asText()).isEqualTo("Room A");
        assertThat(started.get("roster").get(0).asText()).isEqualTo(student.userId());
        assertThat(started.get("cameraIds").get(0).asText()).isEqualTo("cam-front");
        assertThat(started.get("attendanceThreshold").asInt()).isEqualTo(80);
        assertThat(started.get("lateGraceSeconds").asLong()).isEqualTo(300);
        assertThat(Duration.between(
                        Instant.parse(started.get("startedAt").asText()),
                        Instant.parse(started.get("plannedEnd").asText())))
                .isEqualTo(Duration.ofMinutes(45));
        assertThat(ended.get("type").asText()).isEqualTo("ClassSessionEnded");
        assertThat(ended.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(ended.get("reason").asText()).isEqualTo("DEACTIVATED");
        assertThat(ended.get("eventId").asText())
                .isNotEqualTo(started.get("eventId").asText());
    }

    private List<JsonNode> eventsOf(String classId, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> records(classId).size() >= count);
        return records(classId).stream()
                .map(r -> {
                    try {
                        return mapper.readTree(r.value());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    private List<ConsumerRecord<String, String>> records(String classId) {
        return consumer.getRecords().stream()
                .filter(r -> classId.equals(r.key()))
                .toList();
    }
}
