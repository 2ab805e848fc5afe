package io.classroom.analytics.service;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.or;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.classroom.analytics.messaging.Samples;
import io.classroom.testing.TestTokens;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * After a UserDeleted nothing in this service's database names the user: every collection is scanned for their id,
 * name and e-mail address (profiles, sessions, attendance, raw frames, camera cells of their webcam, page views,
 * tombstones), the room snapshots of their sessions are deleted; the rows stay countable under a pseudonym, and events about them arriving later get it too.
 */
@QuarkusTest
class UserErasureIT {

    private static final Duration HANG = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @ConfigProperty(name = "mp.messaging.incoming.vision-observations-in.topic")
    String observationsTopic;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Inject
    ReactiveMongoClient mongo;

    private final String tenant = TestTokens.newTenant();
    private final String ada = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String teacher = UUID.randomUUID().toString();
    private final String name = "Ada Lovelace-" + UUID.randomUUID().toString().substring(0, 8);
    private final String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@school.test";
    private final String sessionId = UUID.randomUUID().toString();
    private final String classId = UUID.randomUUID().toString();
    private final String camera = "cam-" + UUID.randomUUID();
    private final String webcam = "webcam:" + ada;

    private String admin() {
        return TestTokens.token(tenant, UUID.randomUUID().toString(), "ADMIN");
    }

    @Test
    void nothingNamesADeletedUserAnyMore() throws Exception {
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            send(
                    kafka,
                    "auth.users.v1",
                    ada,
                    Samples.event(
                            "auth",
                            "auth.users.v1",
                            "UserRegistered.json",
                            Map.of("tenantId", tenant, "userId", ada, "displayName", name, "email", email)));
            send(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    Samples.event(
                            "classroom",
                            "classroom.sessions.v1",
                            "ClassSessionStarted.json",
                            Map.of(
                                    "tenantId",
                                    tenant,
                                    "sessionId",
                                    sessionId,
                                    "classId",
                                    classId,
                                    "teacherId",
                                    teacher,
                                    "roster",
                                    List.of(ada, bob),
                                    "cameraIds",
                                    List.of(camera),
                                    "startedAt",
                                    "2026-09-01T08:00:00Z",
                                    "occurredAt",
                                    "2026-09-01T08:00:00Z")));
            send(kafka, observationsTopic, camera, frame(camera, "2026-09-01T08:10:00Z", ada, bob));
            send(kafka, observationsTopic, webcam, frame(webcam, "2026-09-01T08:10:05Z", ada));
            send(kafka, "tracking.attendance.v1", sessionId, attendance(ada, "PRESENT"));
            send(kafka, "tracking.attendance.v1", sessionId, attendance(bob, "ABSENT"));
            send(
                    kafka,
                    "tracking.activity.v1",
                    ada,
                    Samples.event(
                            "tracking",
                            "tracking.activity.v1",
                            "PersonalSessionStarted.json",
                            Map.of(
                                    "tenantId",
                                    tenant,
                                    "userId",
                                    ada,
                                    "sessionId",
                                    UUID.randomUUID().toString(),
                                    "at",
                                    "2026-09-02T14:00:00Z",
                                    "title",
                                    "Homework of " + name)));
            // in another application too: the application names nobody and stays
            send(
                    kafka,
                    "tracking.activity.v1",
                    ada,
                    Samples.event(
                            "tracking",
                            "tracking.activity.v1",
                            "PersonalSessionStarted.json",
                            Map.of(
                                    "tenantId",
                                    tenant,
                                    "userId",
                                    ada,
                                    "app",
                                    "focus-mobile",
                                    "sessionId",
                                    UUID.randomUUID().toString(),
                                    "at",
                                    "2026-09-02T16:00:00Z",
                                    "title",
                                    "Reading with " + email)));
            given().auth()
                    .oauth2(TestTokens.token(tenant, ada, "STUDENT"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("page", "/profile/" + email, "timeSpentSeconds", 5))
                    .post("/api/analytics/pages/views")
                    .then()
                    .statusCode(201);
            given().auth()
                    .oauth2(TestTokens.token(tenant, ada, "STUDENT"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("page", "/focus/" + ada, "timeSpentSeconds", 5, "app", "focus-mobile"))
                    .post("/api/analytics/pages/views")
                    .then()
                    .statusCode(201);
            await().atMost(HANG)
                    .untilAsserted(() -> given().auth()
                            .oauth2(admin())
                            .get("/api/analytics/class-sessions/{id}/attendance", sessionId)
                            .then()
                            .statusCode(200)
                            .body("rows", hasSize(2))
                            .body("rows.displayName", hasItem(name))
                            .body("timeline.minutes[0].frames", equalTo(2)));
            await().atMost(HANG)
                    .untilAsserted(() -> given().auth()
                            .oauth2(admin())
                            .get("/api/analytics/sessions/heatmap?from=2026-09-01&to=2026-09-03&userId=" + ada)
                            .then()
                            .statusCode(200)
                            .body("totals.sessions", equalTo(2)));
            await().atMost(HANG)
                    .untilAsserted(() -> given().auth()
                            .oauth2(admin())
                            .get(
                                    "/api/analytics/sessions/heatmap?from=2026-09-01&to=2026-09-03&app=focus-mobile&userId="
                                            + ada)
                            .then()
                            .statusCode(200)
                            .body("totals.sessions", equalTo(2)));
            assertThat(occurrences(ada)).isNotEmpty();
            send(kafka, "ingest.cameras.v1", camera, announcement(camera));
            await().atMost(HANG)
                    .untilAsserted(() -> assertThat(hasRoomSnapshot(camera)).isTrue());

            send(
                    kafka,
                    "auth.users.v1",
                    ada,
                    Samples.event(
                            "auth", "auth.users.v1", "UserDeleted.json", Map.of("tenantId", tenant, "userId", ada)));
            await().atMost(HANG).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (String needle : List.of(ada, name, email)) {
                    assertThat(occurrences(needle)).as(needle).isEmpty();
                }
            });

            // the room snapshot of her session is gone, and one announced afterwards is not kept
            assertThat(hasRoomSnapshot(camera)).isFalse();
            String late = "cam-" + UUID.randomUUID();
            send(kafka, observationsTopic, late, frame(late, "2026-09-01T08:11:00Z", bob));
            send(kafka, "ingest.cameras.v1", late, announcement(late));
            await().atMost(HANG)
                    .untilAsserted(() -> given().auth()
                            .oauth2(admin())
                            .get("/api/analytics/cameras/{id}/heatmap", late)
                            .then()
                            .statusCode(200)
                            .body("cameraName", equalTo("Front of room A")));
            assertThat(hasRoomSnapshot(late)).isFalse();

            // the rows stay, under one pseudonym; the webcam's cells moved to it
            String pseudonym = given().auth()
                    .oauth2(admin())
                    .get("/api/analytics/class-sessions/{id}/attendance", sessionId)
                    .then()
                    .statusCode(200)
                    .body("rows", hasSize(2))
                    .body("rows.userId", hasItem(bob))
                    .extract()
                    .path("rows.find { it.userId != '%s' }.userId".formatted(bob));
            assertThat(pseudonym).startsWith("deleted-");
            given().auth()
                    .oauth2(admin())
                    .get("/api/analytics/cameras/{id}/heatmap", "webcam:" + pseudonym)
                    .then()
                    .statusCode(200)
                    .body("faces", equalTo(1));
            given().auth()
                    .oauth2(admin())
                    .get("/api/analytics/sessions/heatmap?from=2026-09-01&to=2026-09-03&userId=" + pseudonym)
                    .then()
                    .statusCode(200)
                    .body("totals.sessions", equalTo(2));
            given().auth()
                    .oauth2(admin())
                    .get("/api/analytics/pages/stats?userId=" + pseudonym)
                    .then()
                    .statusCode(200)
                    .body("windows[3].views", equalTo(1));
            given().auth()
                    .oauth2(admin())
                    .get("/api/analytics/sessions/heatmap?from=2026-09-01&to=2026-09-03&app=focus-mobile&userId="
                            + pseudonym)
                    .then()
                    .statusCode(200)
                    .body("totals.sessions", equalTo(2));
            given().auth()
                    .oauth2(admin())
                    .get("/api/analytics/pages/stats?app=focus-mobile&userId=" + pseudonym)
                    .then()
                    .statusCode(200)
                    .body("windows[3].views", equalTo(1))
                    .body("windows[3].pages.items[0].page", equalTo("/focus/" + pseudonym));

            // late events about her get the pseudonym; her token that still lives stores nothing
            send(kafka, observationsTopic, webcam, frame(webcam, "2026-09-01T08:11:05Z", ada));
            send(kafka, "tracking.attendance.v1", sessionId, attendance(ada, "ABSENT"));
            await().atMost(HANG)
                    .untilAsserted(() -> given().auth()
                            .oauth2(admin())
                            .get("/api/analytics/cameras/{id}/heatmap", "webcam:" + pseudonym)
                            .then()
                            .body("faces", equalTo(2)));
            given().auth()
                    .oauth2(TestTokens.token(tenant, ada, "STUDENT"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("page", "/home", "timeSpentSeconds", 5))
                    .post("/api/analytics/pages/views")
                    .then()
                    .statusCode(401);
            await().atMost(HANG)
                    .untilAsserted(() -> given().auth()
                            .oauth2(admin())
                            .get("/api/analytics/class-sessions/{id}/attendance", sessionId)
                            .then()
                            .body("rows", hasSize(2))
                            .body("rows.userId", not(hasItem(ada)))
                            .body("rows.find { it.userId == '%s' }.status".formatted(pseudonym), equalTo("ABSENT")));
            for (String needle : List.of(ada, name, email)) {
                assertThat(occurrences(needle)).as(needle).isEmpty();
            }
        }
    }

    private String announcement(String cameraId) {
        return Samples.event(
                "camera-ingest",
                "ingest.cameras.v1",
                "CameraSessionStarted.json",
                Map.of("tenantId", tenant, "sessionId", sessionId, "cameraId", cameraId));
    }

    private boolean hasRoomSnapshot(String cameraId) {
        return given().auth()
                .oauth2(admin())
                .queryParam("sessionId", sessionId)
                .get("/api/analytics/cameras/{id}/heatmap", cameraId)
                .then()
                .statusCode(200)
                .extract()
                .path("roomSnapshot");
    }

    private static void send(KafkaCompanion kafka, String topic, String key, String json) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(topic, key, json))
                .awaitCompletion(HANG);
    }

    /** A frame of the source; the faces are recognised as the given users. */
    private String frame(String source, String capturedAt, String... users) {
        List<Map<String, Object>> faces = new ArrayList<>();
        for (String user : users) {
            Map<String, Object> face = new HashMap<>();
            face.put("box", Map.of("x", 0.1, "y", 0.1, "width", 0.1, "height", 0.2));
            face.put("attentive", true);
            face.put("detScore", 0.9);
            face.put("identity", Map.of("userId", user, "similarity", 0.8));
            faces.add(face);
        }
        return Samples.event(
                "vision",
                "vision.observations.v1",
                "FrameAnalyzed.json",
                Map.of(
                        "tenantId", tenant,
                        "frameId", source + ":" + UUID.randomUUID(),
                        "sourceId", source,
                        "sessionId", sessionId,
                        "capturedAt", capturedAt,
                        "unknownFaces", 0,
                        "faces", faces));
    }

    private String attendance(String user, String status) {
        return Samples.event(
                "tracking",
                "tracking.attendance.v1",
                "AttendanceFinalized.json",
                Map.of(
                        "tenantId", tenant,
                        "sessionId", sessionId,
                        "classId", classId,
                        "userId", user,
                        "status", status,
                        "sessionStartedAt", "2026-09-01T08:00:00Z",
                        "occurredAt", "ABSENT".equals(status) ? "2026-09-01T09:00:00Z" : "2026-09-01T08:45:00Z"));
    }

    /**
     * The collections holding the text, among every document that could be this tenant's (every stored record
     * carries its tenant; documents without one, such as processed event ids, are all read).
     */
    private List<String> occurrences(String needle) {
        var db = mongo.getDatabase(database);
        List<String> found = new ArrayList<>();
        for (String collection :
                db.listCollectionNames().collect().asList().await().atMost(HANG)) {
            List<Document> documents = db.getCollection(collection)
                    .find(or(eq("tenantId", tenant), exists("tenantId", false)))
                    .collect()
                    .asList()
                    .await()
                    .atMost(HANG);
            for (Document document : documents) {
                if (document.toJson().contains(needle)) {
                    found.add(collection + " " + document.get("_id"));
                }
            }
        }
        return found;
    }
}
