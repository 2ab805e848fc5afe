package io.classroom.tracking.service;

import static io.classroom.tracking.TestSupport.KAFKA;
import static io.classroom.tracking.TestSupport.produce;
import static io.classroom.tracking.TestSupport.produceAll;
import static io.classroom.tracking.TestSupport.token;
import static io.classroom.tracking.TestSupport.webcamFrame;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.classroom.tracking.TestSupport;
import io.classroom.tracking.TestSupport.Face;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Webcam attendance over the real broker, Redis and PostgreSQL: a webcam frame counts for its owner only, and only
 * when it verified as them; other faces in it (even ones an older producer still named) flag the owner and count for
 * nobody; a webcam of someone not on the roster changes nothing; a silent webcam is its student's absence, never an
 * outage; lateness counts from the scheduled start.
 */
@QuarkusTest
class WebcamAttendanceIT {

    private static final Instant START = Instant.parse("2026-04-06T08:00:00Z");
    /** The scheduler started the session 30 s after its scheduled start. */
    private static final Instant SCHEDULED = START.minusSeconds(30);

    private final String tenant = TestSupport.tenant();
    private final UUID sessionId = UUID.randomUUID();
    private final String classId = "class-" + UUID.randomUUID();
    private final UUID teacher = UUID.randomUUID();
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID cid = UUID.randomUUID();
    private final UUID dan = UUID.randomUUID();

    private String teacherToken() {
        return token(teacher, tenant, "TEACHER");
    }

    private ProducerRecord<String, String> webcam(
            UUID owner, int second, boolean verified, int others, List<Face> faces) {
        return new ProducerRecord<>(
                "vision.observations.v1",
                "webcam:" + owner,
                webcamFrame(tenant, sessionId, owner, START.plusSeconds(second), verified, others, faces));
    }

    @Test
    void aWebcamCountsForItsVerifiedOwnerOnlyAndASilentOneIsNoOutage() {
        try (var kafka = new KafkaCompanion(KAFKA)) {
            // a session seen by webcams only (no room camera), started by its schedule
            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionStarted(
                            tenant, sessionId, classId, teacher, List.of(ada, bob, cid), START, SCHEDULED, List.of()));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(teacherToken())
                            .get("/api/tracking/sessions/{id}", sessionId)
                            .then()
                            .statusCode(200)
                            .body("trigger", equalTo("SCHEDULE")));

            List<ProducerRecord<String, String>> frames = new ArrayList<>();
            for (int sec = 0; sec <= 120; sec++) {
                // Ada's webcam verifies her; Bob (named, as an older producer would) and a stranger sit beside her
                frames.add(webcam(
                        ada, sec, true, 2, List.of(Face.of(ada, true), Face.of(bob, true), Face.of(null, true))));
                // Bob's webcam shows someone who is not Bob (a photo of a friend): it counts for nobody
                frames.add(webcam(bob, sec, false, 1, List.of(Face.of(null, true))));
                // Cid's webcam runs from 40 s to 60 s only, then falls silent
                if (sec >= 40 && sec <= 60) {
                    frames.add(webcam(cid, sec, true, 0, List.of(Face.of(cid, true))));
                }
                // Dan is not on the roster: his webcam changes nothing
                frames.add(webcam(dan, sec, true, 0, List.of(Face.of(dan, true))));
            }
            produceAll(kafka, frames);

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(teacherToken())
                            .get("/api/tracking/sessions/{id}", sessionId)
                            .then()
                            .statusCode(200)
                            .body("frames", equalTo(121 + 121 + 21))
                            .body("webcamFrames", equalTo(121 + 121 + 21)));
            var live = given().auth()
                    .oauth2(teacherToken())
                    .get("/api/tracking/sessions/{id}", sessionId)
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(live.getInt("outageSeconds")).isZero();
            assertThat(live.getList("outages")).isEmpty();
            assertThat(live.getLong("unknownFaceObservations")).isZero();
            assertThat(live.getString("scheduledStart")).isEqualTo(SCHEDULED.toString());
            assertThat(student(live, ada, "presentNow")).isEqualTo(true);
            assertThat(student(live, ada, "gazeDirection")).isEqualTo("CENTER");
            assertThat(student(live, ada, "flags")).isEqualTo(List.of("OTHERS_IN_FRAME"));
            assertThat(student(live, ada, "framesWithOthers")).isEqualTo(121);
            assertThat(student(live, bob, "presentNow")).isEqualTo(false);
            assertThat(student(live, bob, "flags")).isEqualTo(List.of("OTHERS_IN_FRAME", "WEBCAM_NOT_VERIFIED"));
            assertThat(student(live, cid, "presentNow")).isEqualTo(false);
            assertThat(live.getList("students.userId")).doesNotContain(dan.toString());

            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionEnded(tenant, sessionId, classId, START, START.plusSeconds(120)));
        }

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(teacherToken())
                        .get("/api/tracking/sessions/{id}/attendance", sessionId)
                        .then()
                        .statusCode(200)
                        .body("", hasSize(3))
                        .body("find { it.userId == '%s' }.status".formatted(ada), equalTo("PRESENT")));
        var report = given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/sessions/{id}/attendance", sessionId)
                .then()
                .extract()
                .jsonPath();
        // Ada: there all along, first seen 30 s after the scheduled start (grace 60 s); others in her frames
        assertThat(record(report, ada, "engagedSeconds")).isEqualTo(120);
        assertThat(record(report, ada, "late")).isEqualTo(false);
        assertThat(record(report, ada, "othersInFrame")).isEqualTo(true);
        assertThat(record(report, ada, "framesWithOthers")).isEqualTo(121);
        assertThat(record(report, ada, "webcamFrames")).isEqualTo(121);
        assertThat(record(report, ada, "sessionScheduledStart")).isEqualTo(SCHEDULED.toString());
        // Bob: named in Ada's frames and his own webcam never verified: never seen
        assertThat(record(report, bob, "status")).isEqualTo("ABSENT");
        assertThat(record(report, bob, "presentSeconds")).isEqualTo(0);
        assertThat(record(report, bob, "firstSeenAt")).isNull();
        assertThat(record(report, bob, "othersInFrame")).isEqualTo(true);
        // Cid: first seen 70 s after the scheduled start (late), then silent: absent, and no outage for anyone
        assertThat(record(report, cid, "status")).isEqualTo("ABSENT");
        assertThat(record(report, cid, "presentSeconds")).isEqualTo(20);
        assertThat(record(report, cid, "late")).isEqualTo(true);
        assertThat(record(report, cid, "othersInFrame")).isEqualTo(false);
        assertThat(report.getList("userId")).doesNotContain(dan.toString());
    }

    private static Object student(JsonPath live, UUID userId, String field) {
        return live.get("students.find { it.userId == '%s' }.%s".formatted(userId, field));
    }

    private static Object record(JsonPath report, UUID userId, String field) {
        return report.get("find { it.userId == '%s' }.%s".formatted(userId, field));
    }
}
