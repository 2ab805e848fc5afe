package io.classroom.tracking.messaging;

import static io.classroom.tracking.TestSupport.KAFKA;
import static io.classroom.tracking.TestSupport.frame;
import static io.classroom.tracking.TestSupport.produce;
import static io.classroom.tracking.TestSupport.produceAll;
import static io.classroom.tracking.TestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.classroom.testing.EventSchemas;
import io.classroom.tracking.TestSupport;
import io.classroom.tracking.TestSupport.Face;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole class session over the real broker, Redis and PostgreSQL: start, frames from two cameras (one
 * redelivered), end, final records and events, overrides, histories, user deletion, dead letters.
 */
@QuarkusTest
class ClassSessionMessagingIT {

    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private KafkaCompanion kafka;
    private final String tenant = TestSupport.tenant();
    private final UUID sessionId = UUID.randomUUID();
    private final String classId = "class-" + UUID.randomUUID();
    private final UUID teacher = UUID.randomUUID();
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID cid = UUID.randomUUID();

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(KAFKA);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private String teacherToken() {
        return token(teacher, tenant, "TEACHER");
    }

    private void startSession() {
        produce(
                kafka,
                "classroom.sessions.v1",
                classId,
                TestSupport.sessionStarted(tenant, sessionId, classId, teacher, List.of(ada, bob, cid), START));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(teacherToken())
                        .get("/api/tracking/sessions/{id}", sessionId)
                        .then()
                        .statusCode(200));
    }

    @Test
    void aWholeSessionGivesExactFinalRecordsAndEvents() throws Exception {
        startSession();
        // cam-a on whole seconds, cam-b half a second later; Ada attentive until 300 s, Bob until 60 s,
        // Cid never there; one stranger in every cam-a frame
        List<ProducerRecord<String, String>> frames = new ArrayList<>();
        for (int sec = 0; sec <= 400; sec++) {
            List<Face> a = new ArrayList<>();
            List<Face> b = new ArrayList<>();
            a.add(Face.of(null, true));
            if (sec <= 300) {
                a.add(Face.of(ada, true));
                b.add(Face.of(ada, true));
            }
            if (sec <= 60) {
                a.add(Face.of(bob, true));
            }
            var at = START.plusSeconds(sec);
            frames.add(new ProducerRecord<>(
                    "vision.observations.v1", "cam-a", frame(tenant, "cam-a", sessionId, null, at, a)));
            frames.add(new ProducerRecord<>(
                    "vision.observations.v1", "cam-b", frame(tenant, "cam-b", sessionId, null, at.plusMillis(500), b)));
        }
        // a redelivered frame must not count twice
        frames.add(frames.get(100));
        produceAll(kafka, frames);

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(teacherToken())
                        .get("/api/tracking/sessions/{id}", sessionId)
                        .then()
                        .statusCode(200)
                        .body("frames", equalTo(802))
                        .body("unknownFaceObservations", equalTo(401))
                        .body("students", hasSize(3)));

        produce(
                kafka,
                "classroom.sessions.v1",
                classId,
                TestSupport.sessionEnded(tenant, sessionId, classId, START, START.plusSeconds(400)));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(teacherToken())
                        .get("/api/tracking/sessions/{id}/attendance", sessionId)
                        .then()
                        .statusCode(200)
                        .body("find { it.userId == '%s' }.status".formatted(ada), equalTo("PRESENT")));
        var report = given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/sessions/{id}/attendance", sessionId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // Ada: 300.5 s engaged of 400 s (>= 75 %); Bob: 60 s, left early; Cid: never seen
        assertThat(report.getInt("find { it.userId == '%s' }.engagedSeconds".formatted(ada)))
                .isEqualTo(300);
        assertThat(report.getInt("find { it.userId == '%s' }.presentSeconds".formatted(bob)))
                .isEqualTo(60);
        assertThat(report.getString("find { it.userId == '%s' }.status".formatted(bob)))
                .isEqualTo("ABSENT");
        assertThat(report.getBoolean("find { it.userId == '%s' }.leftEarly".formatted(bob)))
                .isTrue();
        assertThat(report.getString("find { it.userId == '%s' }.status".formatted(cid)))
                .isEqualTo("ABSENT");
        assertThat(report.getString("find { it.userId == '%s' }.firstSeenAt".formatted(cid)))
                .isNull();

        // one AttendanceFinalized per roster member, keyed by session, valid against the schema
        var events = kafka.consumeStrings()
                .fromTopics(
                        "tracking.attendance.v1",
                        m -> m.filter(r -> sessionId.toString().equals(r.key())))
                .awaitRecords(3, Duration.ofSeconds(60));
        for (var record : events.getRecords()) {
            assertThat(EventSchemas.validate("tracking.attendance.v1", record.value()))
                    .isEmpty();
        }
        events.stop();

        // a redelivered end changes nothing
        produce(
                kafka,
                "classroom.sessions.v1",
                classId,
                TestSupport.sessionEnded(tenant, sessionId, classId, START, START.plusSeconds(500)));

        overridesAreAuditedAndRepublished();
        historiesFollowRoles();
        aDeletedUserIsAnonymised();
    }

    private void overridesAreAuditedAndRepublished() throws Exception {
        given().auth()
                .oauth2(teacherToken())
                .contentType(ContentType.JSON)
                .body(Map.of("status", "PRESENT", "reason", "Was at the nurse's office"))
                .put("/api/tracking/sessions/{id}/attendance/{user}", sessionId, bob)
                .then()
                .statusCode(200)
                .body("status", equalTo("PRESENT"))
                .body("computedStatus", equalTo("ABSENT"))
                .body("overrideReason", equalTo("Was at the nurse's office"));
        given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/sessions/{id}/attendance/{user}/overrides", sessionId, bob)
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].previousStatus", equalTo("ABSENT"))
                .body("[0].actorId", equalTo(teacher.toString()));
        // bad input and other people
        given().auth()
                .oauth2(teacherToken())
                .contentType(ContentType.JSON)
                .body(Map.of("status", "PRESENT"))
                .put("/api/tracking/sessions/{id}/attendance/{user}", sessionId, bob)
                .then()
                .statusCode(400)
                .contentType(containsString("problem+json"));
        given().auth()
                .oauth2(teacherToken())
                .contentType(ContentType.JSON)
                .body(Map.of("status", "MAYBE", "reason", "x"))
                .put("/api/tracking/sessions/{id}/attendance/{user}", sessionId, bob)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token(UUID.randomUUID(), tenant, "TEACHER"))
                .contentType(ContentType.JSON)
                .body(Map.of("status", "ABSENT", "reason", "not mine"))
                .put("/api/tracking/sessions/{id}/attendance/{user}", sessionId, bob)
                .then()
                .statusCode(404)
                .body("status", equalTo(404));
        given().auth()
                .oauth2(token(bob, tenant, "STUDENT"))
                .contentType(ContentType.JSON)
                .body(Map.of("status", "PRESENT", "reason", "me"))
                .put("/api/tracking/sessions/{id}/attendance/{user}", sessionId, bob)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(token(UUID.randomUUID(), TestSupport.tenant(), "ADMIN"))
                .get("/api/tracking/sessions/{id}", sessionId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token(UUID.randomUUID(), tenant, "ADMIN"))
                .get("/api/tracking/sessions/{id}/attendance", sessionId)
                .then()
                .statusCode(200)
                .body("", hasSize(3));
        given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/sessions/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(containsString("problem+json"));
        given().get("/api/tracking/sessions/{id}", sessionId).then().statusCode(401);

        var corrected = kafka.consumeStrings()
                .fromTopics(
                        "tracking.attendance.v1",
                        m -> m.filter(r -> sessionId.toString().equals(r.key())
                                && r.value().contains("nurse")))
                .awaitRecords(1, Duration.ofSeconds(60));
        assertThat(EventSchemas.validate(
                        "tracking.attendance.v1", corrected.getFirstRecord().value()))
                .isEmpty();
        corrected.stop();
    }

    private void historiesFollowRoles() {
        given().auth()
                .oauth2(token(ada, tenant, "STUDENT"))
                .get("/api/tracking/me/attendance")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", equalTo("PRESENT"))
                .body("[0].sessionId", equalTo(sessionId.toString()));
        given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/classes/{classId}/attendance", classId)
                .then()
                .statusCode(200)
                .body("", hasSize(3));
        given().auth()
                .oauth2(token(UUID.randomUUID(), tenant, "TEACHER"))
                .get("/api/tracking/classes/{classId}/attendance", classId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token(ada, tenant, "STUDENT"))
                .get("/api/tracking/classes/{classId}/attendance", classId)
                .then()
                .statusCode(403);
    }

    private void aDeletedUserIsAnonymised() {
        produce(kafka, "auth.users.v1", ada.toString(), """
                {"eventId":"%s","type":"UserDeleted","occurredAt":"2026-01-06T10:00:00Z","tenantId":"%s","userId":"%s"}
                """.formatted(UUID.randomUUID(), tenant, ada));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(ada, tenant, "STUDENT"))
                        .get("/api/tracking/me/attendance")
                        .then()
                        .statusCode(200)
                        .body("", hasSize(0)));
        given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/classes/{classId}/attendance", classId)
                .then()
                .statusCode(200)
                .body("", hasSize(3))
                .body("findAll { it.userId == null }", hasSize(1));
    }

    @Test
    void malformedMessagesGoToTheDeadLetterTopicAndTheNextOneIsStillProcessed() {
        startSession();
        String marker = UUID.randomUUID().toString();
        produce(kafka, "vision.observations.v1", "cam-a", "not json " + marker);
        produce(kafka, "classroom.sessions.v1", classId, "{\"type\":\"ClassSessionStarted\",\"x\":\"" + marker + "\"}");
        produce(
                kafka,
                "vision.observations.v1",
                "cam-a",
                frame(tenant, "cam-a", sessionId, null, START.plusSeconds(5), List.of(Face.of(ada, true))));

        var dead = kafka.consumeStrings()
                .fromTopics(
                        java.util.Set.of(
                                "vision.observations.v1.tracking-service.dlq",
                                "classroom.sessions.v1.tracking-service.dlq"),
                        m -> m.filter(r -> r.value() != null && r.value().contains(marker)))
                .awaitRecords(2, Duration.ofSeconds(60));
        for (var record : dead.getRecords()) {
            var reason = record.headers().lastHeader("dead-letter-reason");
            assertThat(reason).isNotNull();
            // the original bytes, and a reason naming the event that could not be read
            assertThat(new String(reason.value(), StandardCharsets.UTF_8))
                    .containsAnyOf("FrameAnalyzed", "ClassSessionEvent");
        }
        dead.stop();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(teacherToken())
                        .get("/api/tracking/sessions/{id}", sessionId)
                        .then()
                        .statusCode(200)
                        .body("frames", equalTo(1))
                        .body("students.find { it.userId == '%s' }.presentNow".formatted(ada), equalTo(true)));
    }
}
