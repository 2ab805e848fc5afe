package io.classroom.tracking.rest;

import static io.classroom.tracking.TestSupport.KAFKA;
import static io.classroom.tracking.TestSupport.frame;
import static io.classroom.tracking.TestSupport.produceAll;
import static io.classroom.tracking.TestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.classroom.testing.EventSchemas;
import io.classroom.tracking.TestSupport;
import io.classroom.tracking.TestSupport.Face;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PersonalSessionResourceIT {

    private static final String BASE = "/api/tracking/personal-sessions";

    @Inject
    RedisDataSource redis;

    private final String tenant = TestSupport.tenant();
    private final UUID student = UUID.randomUUID();
    private final String studentToken = token(student, tenant, "STUDENT");

    private String start(String body) {
        return given().auth()
                .oauth2(studentToken)
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE)
                .then()
                .statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .extract()
                .path("id");
    }

    private io.restassured.response.ValidatableResponse post(String id, String step, String body) {
        return given().auth()
                .oauth2(studentToken)
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE + "/{id}/" + step, id)
                .then();
    }

    @Test
    void pausesAreExcludedAndFocusComesFromTheWebcam() throws Exception {
        String id = start("{\"title\":\"Homework\",\"startedAt\":\"2026-01-01T10:00:00Z\"}");
        post(id, "pause", "{\"at\":\"2026-01-01T10:10:00.000Z\"}")
                .statusCode(200)
                .body("status", equalTo("PAUSED"));
        post(id, "resume", "{\"at\":\"2026-01-01T10:15:00\"}").statusCode(200).body("status", equalTo("ACTIVE"));
        post(id, "resume", "{}").statusCode(409).contentType(containsString("problem+json"));
        post(id, "pause", "{\"at\":\"2026-01-01T10:14:00Z\"}")
                .statusCode(400)
                .body("detail", containsString("at must not be before"));

        // two minutes of webcam: watching the screen, attentive, one frame per second (and one redelivered)
        List<ProducerRecord<String, String>> frames = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T10:20:00Z");
        for (int sec = 0; sec < 120; sec++) {
            frames.add(new ProducerRecord<>(
                    "vision.observations.v1",
                    "webcam-" + student,
                    frame(
                            tenant,
                            "webcam-" + student,
                            UUID.fromString(id),
                            student,
                            t0.plusSeconds(sec),
                            List.of(new Face(student, true, 1, -2, 0.5)))));
        }
        frames.add(frames.get(5));
        try (var kafka = new KafkaCompanion(KAFKA)) {
            produceAll(kafka, frames);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> redis.list(String.class).llen("tracking:timeline:" + id) == 120);

            post(id, "end", "{\"at\":\"2026-01-01T10:30:00Z\"}")
                    .statusCode(200)
                    .body("status", equalTo("ENDED"))
                    .body("activeSeconds", equalTo(25 * 60))
                    .body("focusSeconds", equalTo(120))
                    .body("distractionSeconds", equalTo(0))
                    .body("activities.WATCHING", equalTo(120))
                    .body("activitySource", equalTo("INFERRED"));
            post(id, "end", "{}").statusCode(409);

            var ended = kafka.consumeStrings()
                    .fromTopics(
                            "tracking.activity.v1",
                            m -> m.filter(r -> student.toString().equals(r.key())))
                    .awaitRecords(4, Duration.ofSeconds(60));
            assertThat(ended.getRecords())
                    .extracting(r -> r.value())
                    .anySatisfy(
                            v -> assertThat(v).contains("PersonalSessionEnded").contains("\"focusSeconds\":120"));
            for (var record : ended.getRecords()) {
                assertThat(EventSchemas.validate("tracking.activity.v1", record.value()))
                        .isEmpty();
            }
            ended.stop();
        }
    }

    @Test
    void reportedActivitiesMakeTheBreakdown() {
        String id = start("{\"startedAt\":\"2026-01-02T09:00:00Z\"}");
        given().auth()
                .oauth2(studentToken)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "activities",
                        List.of(
                                Map.of("activity", "reading", "at", "2026-01-02T09:00:00Z"),
                                Map.of("activity", "WRITING", "at", "2026-01-02T09:20:00.500Z"))))
                .post(BASE + "/{id}/activities", id)
                .then()
                .statusCode(200)
                .body("reportedActivities.activity", hasItem("READING"));

        post(id, "end", "{\"at\":\"2026-01-02T09:30:00.500Z\"}")
                .statusCode(200)
                .body("activitySource", equalTo("REPORTED"))
                .body("activities.READING", equalTo(1200))
                .body("activities.WRITING", equalTo(600))
                .body("activeSeconds", equalTo(1800));
    }

    @Test
    void badTimesAreA400NamingTheField() {
        given().auth()
                .oauth2(studentToken)
                .contentType(ContentType.JSON)
                .body("{\"startedAt\":\"yesterday\"}")
                .post(BASE)
                .then()
                .statusCode(400)
                .contentType(containsString("problem+json"))
                .body("type", equalTo("urn:classroom:problem:invalid-time"))
                .body("detail", containsString("startedAt"));
        String id = start("{}");
        post(id, "pause", "{\"at\":\"2026-13-01T00:00:00Z\"}").statusCode(400).body("detail", containsString("at"));
        post(id, "activities", "{\"activities\":[{\"activity\":\"READING\",\"at\":\"1704110400\"}]}")
                .statusCode(400)
                .body("detail", containsString("activities[0].at"));
        post(id, "activities", "{\"activities\":[]}").statusCode(400);
        post(id, "activities", "{\"activities\":[{\"activity\":\"READING\",\"at\":\"2000-01-01T00:00:00Z\"}]}")
                .statusCode(400)
                .body("detail", containsString("activities[0].at"));
        given().auth()
                .oauth2(studentToken)
                .contentType(ContentType.JSON)
                .body("{not json")
                .post(BASE)
                .then()
                .statusCode(400);
    }

    @Test
    void someoneElsesSessionIsNotFound() {
        String id = start("{}");
        given().auth()
                .oauth2(studentToken)
                .get(BASE + "/{id}", id)
                .then()
                .statusCode(200)
                .body("userId", equalTo(student.toString()));
        given().auth()
                .oauth2(token(UUID.randomUUID(), tenant, "STUDENT"))
                .get(BASE + "/{id}", id)
                .then()
                .statusCode(404)
                .contentType(containsString("problem+json"));
        given().auth()
                .oauth2(token(student, TestSupport.tenant(), "STUDENT"))
                .contentType(ContentType.JSON)
                .body("{}")
                .post(BASE + "/{id}/pause", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(studentToken)
                .get(BASE + "/{id}", UUID.randomUUID())
                .then()
                .statusCode(404);
        given().get(BASE).then().statusCode(401).contentType(containsString("problem+json"));
        given().auth().oauth2("not-a-jwt").get(BASE).then().statusCode(401);

        given().auth().oauth2(studentToken).get(BASE).then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(studentToken).get(BASE + "/all").then().statusCode(403);
        given().auth()
                .oauth2(token(UUID.randomUUID(), tenant, "TEACHER"))
                .get(BASE + "/all")
                .then()
                .statusCode(403)
                .contentType(containsString("problem+json"));
        given().auth()
                .oauth2(token(UUID.randomUUID(), tenant, "ADMIN"))
                .get(BASE + "/all")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        given().auth()
                .oauth2(token(UUID.randomUUID(), TestSupport.tenant(), "ADMIN"))
                .get(BASE + "/all")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(id)));
    }

    @Test
    void framesTakenWhilePausedAreIgnoredAndTheReportFollowsTheFramesSent() {
        Instant t0 = Instant.parse("2026-01-03T09:00:00Z");
        String id = start("{\"startedAt\":\"" + t0 + "\"}");
        post(id, "pause", "{\"at\":\"2026-01-03T09:01:00\"}").statusCode(200);
        post(id, "resume", "{\"at\":\"2026-01-03T09:02:00Z\"}").statusCode(200);

        // attentive for a minute, looking away for the minute of the pause (ignored), attentive for another minute
        List<ProducerRecord<String, String>> frames = new ArrayList<>();
        for (int sec = 0; sec < 180; sec++) {
            boolean paused = sec >= 60 && sec < 120;
            frames.add(new ProducerRecord<>(
                    "vision.observations.v1",
                    "webcam:" + student,
                    frame(
                            tenant,
                            "webcam:" + student,
                            UUID.fromString(id),
                            student,
                            t0.plusSeconds(sec),
                            paused ? List.of() : List.of(new Face(student, true, 1, -2, 0.5)))));
        }
        try (var kafka = new KafkaCompanion(KAFKA)) {
            produceAll(kafka, frames);
        }
        // frames of one webcam are applied in order: once the last is in, the paused ones were refused
        await().atMost(Duration.ofSeconds(60))
                .until(() -> redis.list(String.class).lrange("tracking:timeline:" + id, -1, -1).stream()
                        .anyMatch(last ->
                                last.contains(Long.toString(t0.plusSeconds(179).toEpochMilli()))));
        assertThat(redis.list(String.class).llen("tracking:timeline:" + id)).isEqualTo(120);

        post(id, "end", "{\"at\":\"2026-01-03T09:03:00Z\"}")
                .statusCode(200)
                .body("activeSeconds", equalTo(120))
                .body("focusSeconds", equalTo(120))
                .body("distractionSeconds", equalTo(0))
                .body("activities.WATCHING", equalTo(120))
                .body("activities.AWAY", nullValue());
    }

    @Test
    void sessionsBelongToAnApplicationAndEveryListingFiltersByIt() {
        String web = start("{\"title\":\"Web\"}");
        String timer = given().auth()
                .oauth2(studentToken)
                .contentType(ContentType.JSON)
                .body("{\"title\":\"Timer\",\"app\":\"focus-timer\"}")
                .post(BASE)
                .then()
                .statusCode(201)
                .body("app", equalTo("focus-timer"))
                .extract()
                .path("id");
        given().auth().oauth2(studentToken).get(BASE + "/{id}", web).then().body("app", equalTo("classroom-web"));

        given().auth()
                .oauth2(studentToken)
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItem(web))
                .body("id", not(hasItem(timer)));
        given().auth()
                .oauth2(studentToken)
                .queryParam("app", "focus-timer")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItem(timer))
                .body("id", not(hasItem(web)));
        String admin = token(UUID.randomUUID(), tenant, "ADMIN");
        given().auth()
                .oauth2(admin)
                .queryParam("app", "focus-timer")
                .get(BASE + "/all")
                .then()
                .statusCode(200)
                .body("id", hasItem(timer))
                .body("id", not(hasItem(web)));
        given().auth()
                .oauth2(admin)
                .queryParam("userId", student.toString())
                .queryParam("app", "focus-timer")
                .get(BASE)
                .then()
                .statusCode(200)
                .body("id", hasItem(timer))
                .body("id", not(hasItem(web)));

        // bad identifiers are 400s naming what is wrong
        given().auth()
                .oauth2(studentToken)
                .contentType(ContentType.JSON)
                .body("{\"app\":\"Focus Timer\"}")
                .post(BASE)
                .then()
                .statusCode(400)
                .contentType(containsString("problem+json"));
        for (String bad : List.of("Focus", "x", "a".repeat(41), "9lives")) {
            given().auth()
                    .oauth2(studentToken)
                    .queryParam("app", bad)
                    .get(BASE)
                    .then()
                    .statusCode(400)
                    .contentType(containsString("problem+json"));
        }
        given().auth()
                .oauth2(admin)
                .queryParam("userId", "nobody")
                .get(BASE)
                .then()
                .statusCode(400)
                .contentType(containsString("problem+json"))
                .body("detail", containsString("userId"));
    }
}
