package io.classroom.vision.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.testing.EventSchemas;
import io.classroom.testing.TestTokens;
import io.classroom.vision.pipeline.TestAssets;
import io.classroom.vision.service.GalleryService;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code vision.faces.v1} over the real broker: deleting one of several faces publishes the remaining set, a user left
 * without faces (UserDeleted) is a tombstone (null value, tenant in a header), and a tombstone read back by the
 * replication consumer removes the user from memory (SmallRye delivers it as a record with a null value, not as a
 * dead letter), only in its own tenant.
 */
@QuarkusTest
class FaceReplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OBAMA = TestAssets.read(TestAssets.faces().resolve("obama/enrol/obama.jpg"));
    private static final byte[] OBAMA_2 = TestAssets.read(TestAssets.faces().resolve("obama/probe/obama1.jpg"));
    private static final byte[] BIDEN = TestAssets.read(TestAssets.faces().resolve("biden/enrol/biden.jpg"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Test
    void aUserLeftWithoutFacesIsATombstoneAndEveryReplicaForgetsThem() throws Exception {
        var tenant = TestTokens.newTenant();
        var admin = TestTokens.token(tenant, UUID.randomUUID(), "ADMIN");
        var user = UUID.randomUUID();
        var faces = given().auth()
                .oauth2(admin)
                .multiPart("photo", "a.jpg", OBAMA, "image/jpeg")
                .multiPart("photo", "b.jpg", OBAMA_2, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(201)
                .body("faces", hasSize(2))
                .extract()
                .jsonPath()
                .<String>getList("faces.faceId");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("boardYawDeg", 10, "boardPitchDeg", 0, "yawToleranceDeg", 15, "pitchToleranceDeg", 20))
                .put("/api/vision/calibrations/webcam:{userId}", user)
                .then()
                .statusCode(200);

        // One face of two deleted: an event with the remaining face.
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/gallery/{userId}/faces/{faceId}", user, faces.get(0))
                .then()
                .statusCode(204);
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var remaining =
                    firstRecord(kafka, user, r -> r.value() != null && r.value().contains("FaceDeleted"));
            assertThat(EventSchemas.validate(FaceSetEvent.TOPIC, remaining.value()))
                    .isEmpty();
            var event = JSON.readTree(remaining.value());
            assertThat(event.get("faces")).hasSize(1);
            assertThat(event.get("faces").get(0).get("faceId").asText()).isEqualTo(faces.get(1));

            // UserDeleted: faces gone from the store and memory, the webcam's calibration too, and a tombstone.
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(
                            "auth.users.v1",
                            user.toString(),
                            JSON.writeValueAsString(Map.of(
                                    "eventId", UUID.randomUUID().toString(),
                                    "type", "UserDeleted",
                                    "occurredAt", Instant.now().toString(),
                                    "tenantId", tenant,
                                    "userId", user.toString()))))
                    .awaitCompletion(Duration.ofSeconds(60));
            var tombstone = firstRecord(kafka, user, r -> r.value() == null);
            assertThat(new String(
                            tombstone
                                    .headers()
                                    .lastHeader(GalleryService.TENANT_HEADER)
                                    .value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo(tenant);
            // Later, an empty record on the same partition lets the broker roll the segment, so compaction can run.
            kafka.consumeStrings()
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(
                            FaceSetEvent.TOPIC,
                            m -> m.filter(r -> GalleryService.SEGMENT_ROLL_KEY.equals(r.key())
                                            && r.value() == null
                                            && r.partition() == tombstone.partition()
                                            && r.offset() > tombstone.offset())
                                    .select()
                                    .first(1))
                    .awaitCompletion(Duration.ofSeconds(60));
        }
        given().auth()
                .oauth2(admin)
                .get("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/calibrations/webcam:{userId}", user)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .contentType("image/jpeg")
                .body(OBAMA)
                .post("/api/vision/identify")
                .then()
                .statusCode(200)
                .body("faces[0].identity", nullValue());
    }

    @Test
    void theConsumerReadsATombstoneAsNoFacesOfThatTenantOnly() throws Exception {
        var tenant = TestTokens.newTenant();
        var admin = TestTokens.token(tenant, UUID.randomUUID(), "ADMIN");
        var user = UUID.randomUUID();
        given().auth()
                .oauth2(admin)
                .multiPart("photo", "biden.jpg", BIDEN, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(201);
        identifies(admin, user.toString());

        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var enrolled = firstRecord(kafka, user, r -> r.value() != null);
            // Another tenant's tombstone for the same id (an admin there may enrol any id) leaves this tenant alone;
            // this tenant's own tombstone, read back by the replication consumer, removes the user from memory.
            kafka.produceStrings()
                    .fromRecords(tombstone(user, TestTokens.newTenant()), tombstone(user, tenant))
                    .awaitCompletion(Duration.ofSeconds(60));
            identifies(admin, null);
            // The channel goes on after the tombstone: the enrolment event, sent again, brings the face back.
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(FaceSetEvent.TOPIC, user.toString(), enrolled.value()))
                    .awaitCompletion(Duration.ofSeconds(60));
            identifies(admin, user.toString());
        }
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(204);
        identifies(admin, null);
    }

    private static ProducerRecord<String, String> tombstone(UUID user, String tenant) {
        var record = new ProducerRecord<String, String>(FaceSetEvent.TOPIC, user.toString(), null);
        record.headers().add(GalleryService.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static void identifies(String admin, String userId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(admin)
                        .contentType("image/jpeg")
                        .body(BIDEN)
                        .post("/api/vision/identify")
                        .then()
                        .statusCode(200)
                        .body("faces[0].identity.userId", userId == null ? nullValue() : equalTo(userId)));
    }

    /** The first record of {@code vision.faces.v1} keyed by the user that matches, from the earliest offset. */
    private static ConsumerRecord<String, String> firstRecord(
            KafkaCompanion kafka, UUID user, Predicate<ConsumerRecord<String, String>> matching) {
        List<ConsumerRecord<String, String>> found = kafka.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(
                        FaceSetEvent.TOPIC,
                        m -> m.filter(r -> user.toString().equals(r.key()) && matching.test(r))
                                .select()
                                .first(1))
                .awaitCompletion(Duration.ofSeconds(60))
                .getRecords();
        return found.get(0);
    }
}
