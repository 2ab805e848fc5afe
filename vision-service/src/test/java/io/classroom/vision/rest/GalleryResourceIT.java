package io.classroom.vision.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.testing.EventSchemas;
import io.classroom.testing.TestTokens;
import io.classroom.vision.client.TestClassrooms;
import io.classroom.vision.pipeline.TestAssets;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Enrolment, listing, deletion, recognition with the real store and broker, the replication events and the erasure of
 * a deleted user (tombstone). Who may do what is the subject of {@code AuthorizationMatrixIT}; here an admin enrols.
 */
@QuarkusTest
class GalleryResourceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final byte[] OBAMA = TestAssets.read(TestAssets.faces().resolve("obama/enrol/obama.jpg"));
    private static final byte[] OBAMA_PROBE = TestAssets.read(TestAssets.faces().resolve("obama/probe/obama1.jpg"));
    private static final byte[] BIDEN = TestAssets.read(TestAssets.faces().resolve("biden/enrol/biden.jpg"));
    private static final byte[] TWO_PEOPLE = TestAssets.read(TestAssets.faces().resolve("group/two_people.jpg"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Test
    void enrolRecogniseReplicateAndErase() throws Exception {
        var tenant = TestTokens.newTenant();
        var admin = TestTokens.token(tenant, UUID.randomUUID(), "ADMIN");
        var teacherId = UUID.randomUUID();
        var teacher = TestTokens.token(tenant, teacherId, "TEACHER");
        var obama = UUID.randomUUID();
        var biden = UUID.randomUUID();

        var faceId = given().auth()
                .oauth2(admin)
                .multiPart("photo", "obama.jpg", OBAMA, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", obama)
                .then()
                .statusCode(201)
                .body("userId", equalTo(obama.toString()))
                .body("faces", hasSize(1))
                .body("faces[0].modelId", equalTo("mobilefacenet-foamliu"))
                .extract()
                .path("faces[0].faceId");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "images",
                        List.of("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(BIDEN))))
                .post("/api/vision/gallery/{userId}/faces", biden)
                .then()
                .statusCode(201)
                .body("faces", hasSize(1));

        // Admins identify against the whole gallery; students do not see identities.
        given().auth()
                .oauth2(admin)
                .contentType("image/jpeg")
                .body(OBAMA_PROBE)
                .post("/api/vision/identify")
                .then()
                .statusCode(200)
                .body("faces[0].identity.userId", equalTo(obama.toString()));
        given().auth()
                .oauth2(TestTokens.token(tenant, UUID.randomUUID(), "STUDENT"))
                .contentType("image/jpeg")
                .body(OBAMA_PROBE)
                .post("/api/vision/analyze")
                .then()
                .statusCode(200)
                .body("faces[0].identity", nullValue());
        // Another tenant's gallery is separate.
        given().auth()
                .oauth2(TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "ADMIN"))
                .contentType("image/jpeg")
                .body(OBAMA_PROBE)
                .post("/api/vision/identify")
                .then()
                .statusCode(200)
                .body("faces[0].identity", nullValue());
        given().auth()
                .oauth2(TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "ADMIN"))
                .get("/api/vision/gallery/{userId}/faces", obama)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        try (var kafka = new KafkaCompanion(kafkaServers)) {
            // A session of this teacher whose roster holds only Biden: Obama is not recognised in it.
            var session = UUID.randomUUID();
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(
                            "classroom.sessions.v1",
                            UUID.randomUUID().toString(),
                            JSON.writeValueAsString(Map.of(
                                    "eventId", UUID.randomUUID().toString(),
                                    "type", "ClassSessionStarted",
                                    "occurredAt", Instant.now().toString(),
                                    "tenantId", tenant,
                                    "sessionId", session.toString(),
                                    "teacherId", teacherId.toString(),
                                    "roster", List.of(biden.toString()),
                                    "cameraIds", List.of("cam-" + session)))))
                    .awaitCompletion(Duration.ofSeconds(60));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(teacher)
                            .contentType("image/jpeg")
                            .queryParam("sessionId", session)
                            .body(OBAMA_PROBE)
                            .post("/api/vision/identify")
                            .then()
                            .statusCode(200)
                            .body("faces[0].identity", nullValue()));

            var enrolled = facesEvents(kafka, obama, 1).get(0);
            assertThat(EventSchemas.validate("vision.faces.v1", enrolled.value()))
                    .isEmpty();
            var tree = JSON.readTree(enrolled.value());
            assertThat(tree.get("type").asText()).isEqualTo("FaceEnrolled");
            assertThat(tree.get("faces").get(0).get("vector")).hasSize(128);

            // UserDeleted from auth-service erases the faces, and the webcam's calibration, and leaves a tombstone.
            given().auth()
                    .oauth2(TestTokens.token(tenant, biden, "STUDENT"))
                    .contentType("application/json")
                    .body(Map.of("boardYawDeg", 10, "boardPitchDeg", 0, "yawToleranceDeg", 15, "pitchToleranceDeg", 20))
                    .put("/api/vision/calibrations/webcam:{userId}", biden)
                    .then()
                    .statusCode(200);
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(
                            "auth.users.v1",
                            biden.toString(),
                            JSON.writeValueAsString(Map.of(
                                    "eventId", UUID.randomUUID().toString(),
                                    "type", "UserDeleted",
                                    "occurredAt", Instant.now().toString(),
                                    "tenantId", tenant,
                                    "userId", biden.toString()))))
                    .awaitCompletion(Duration.ofSeconds(60));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(admin)
                            .get("/api/vision/gallery/{userId}/faces", biden)
                            .then()
                            .statusCode(404));
            var events = facesEvents(kafka, biden, 2);
            assertThat(events.get(1).value())
                    .as("a tombstone, so compaction removes the vectors")
                    .isNull();
            given().auth()
                    .oauth2(admin)
                    .delete("/api/vision/calibrations/webcam:{userId}", biden)
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(admin)
                    .contentType("image/jpeg")
                    .body(BIDEN)
                    .post("/api/vision/identify")
                    .then()
                    .statusCode(200)
                    .body("faces[0].identity", nullValue());
        }

        given().auth()
                .oauth2(admin)
                .get("/api/vision/gallery/{userId}/faces", obama)
                .then()
                .statusCode(200)
                .body("faces", hasSize(1));
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/gallery/{userId}/faces/{faceId}", obama, faceId)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/gallery/{userId}/faces/{faceId}", obama, faceId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/gallery/{userId}/faces", obama)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .contentType("image/jpeg")
                .body(OBAMA_PROBE)
                .post("/api/vision/identify")
                .then()
                .statusCode(200)
                .body("faces[0].identity", nullValue());
    }

    @Test
    void enrolmentNeedsExactlyOneFaceAndTheRightRole() {
        var tenant = TestTokens.newTenant();
        var teacherId = UUID.randomUUID();
        var teacher = TestTokens.token(tenant, teacherId, "TEACHER");
        var user = UUID.randomUUID();
        // The user is on one of the teacher's class rosters (classroom-service's answer, TestClassrooms here).
        TestClassrooms.teaches(teacherId, user);
        given().auth()
                .oauth2(teacher)
                .multiPart("photo", "two.jpg", TWO_PEOPLE, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("2 faces"));
        given().auth()
                .oauth2(teacher)
                .contentType("application/json")
                .body(Map.of("images", List.of(Base64.getEncoder().encodeToString(TestAssets.hugePng(64, 64)))))
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(422)
                .body("detail", containsString("0 faces"));
        given().auth()
                .oauth2(teacher)
                .contentType("application/json")
                .body(Map.of("images", List.of("not base64 !!")))
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(teacher)
                .contentType("application/json")
                .body(Map.of("images", List.of()))
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(400);
        // A student may not enrol someone else (whose gallery they cannot see), nor themself where the school does
        // not allow it.
        given().auth()
                .oauth2(TestTokens.token(tenant, UUID.randomUUID(), "STUDENT"))
                .multiPart("photo", "obama.jpg", OBAMA, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.token(tenant, user, "STUDENT"))
                .multiPart("photo", "obama.jpg", OBAMA, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(403);
        // Nothing was stored by the refused attempts.
        given().auth()
                .oauth2(teacher)
                .get("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(teacher)
                .get("/api/vision/gallery/{userId}/faces", "not-a-uuid")
                .then()
                .statusCode(404);
    }

    @Test
    void studentsEnrolThemselvesWhereTheSchoolAllowsIt() {
        // %test.vision.gallery.student-self-enrolment-tenants lists this tenant.
        var student = UUID.randomUUID();
        var token = TestTokens.token("self-enrolment-school", student, "STUDENT");
        given().auth()
                .oauth2(token)
                .multiPart("photo", "obama.jpg", OBAMA, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", student)
                .then()
                .statusCode(201)
                .body("faces", hasSize(1));
        given().auth()
                .oauth2(token)
                .get("/api/vision/gallery/{userId}/faces", student)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .delete("/api/vision/gallery/{userId}/faces", student)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(token)
                .multiPart("photo", "obama.jpg", OBAMA, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    private static List<ConsumerRecord<String, String>> facesEvents(KafkaCompanion kafka, UUID userId, int count) {
        return kafka.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(
                        "vision.faces.v1",
                        m -> m.filter(r -> userId.toString().equals(r.key()))
                                .select()
                                .first(count))
                .awaitCompletion(Duration.ofSeconds(60))
                .getRecords();
    }
}
