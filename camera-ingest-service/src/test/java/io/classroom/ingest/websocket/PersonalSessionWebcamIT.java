package io.classroom.ingest.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.FramesTopic;
import io.classroom.ingest.PersonalSession;
import io.classroom.ingest.TestClock;
import io.classroom.ingest.WebcamClient;
import io.classroom.ingest.security.Roles;
import io.classroom.ingest.service.PersonalSessionStore;
import io.classroom.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A student's personal focus session fed by their webcam, its lifecycle coming from tracking.activity.v1 over the
 * real broker: frames of the owner are published while it runs, answered "paused: frame ignored" (and not published)
 * while it is paused, refused once it has ended, when the WebSocket closes.
 */
@QuarkusTest
class PersonalSessionWebcamIT {

    private static final String FRAMES = "/api/ingest/webcam/frames";
    /** Only bounds a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Inject
    PersonalSessionStore sessions;

    @Inject
    TestClock clock;

    @TestHTTPResource("/")
    URI baseUri;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    private final String tenant = TestTokens.newTenant();
    private final String owner = UUID.randomUUID().toString();
    private final String sessionId = UUID.randomUUID().toString();
    private final String token = TestTokens.token(tenant, owner, Roles.STUDENT);
    private byte[] jpeg;

    @BeforeEach
    void frame() throws IOException {
        try (var in = getClass().getResourceAsStream("/events/ingest.frames.v1/Frame.jpg")) {
            jpeg = in.readAllBytes();
        }
        clock.hold();
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void framesAreAcceptedWhileTheSessionRunsIgnoredWhilePausedAndRefusedOnceEnded() throws Exception {
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var frames = FramesTopic.follow(kafka, "webcam:" + owner);
            lifecycle(kafka, "PersonalSessionStarted");
            // Connected at once: the upgrade waits for the session's event to arrive.
            try (var client = WebcamClient.connect(baseUri, sessionId, token)) {
                assertThat(client.send(jpeg)).contains("\"status\":202");
                rest().then().statusCode(202).body("sessionId", equalTo(sessionId));

                lifecycle(kafka, "PersonalSessionPaused");
                await().atMost(HANG).until(() -> state() == PersonalSession.State.PAUSED);
                var paused = new ObjectMapper().readTree(client.send(jpeg));
                assertThat(paused.path("status").asInt()).isEqualTo(409);
                assertThat(paused.path("detail").asText()).isEqualTo("paused: frame ignored");
                assertThat(paused.path("type").asText()).isEqualTo("urn:classroom:problem:session-paused");
                rest().then()
                        .statusCode(409)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:classroom:problem:session-paused"))
                        .body("detail", equalTo("paused: frame ignored"));

                clock.advance(Duration.ofSeconds(1));
                lifecycle(kafka, "PersonalSessionResumed");
                await().atMost(HANG).until(() -> state() == PersonalSession.State.RUNNING);
                var resumed = new ObjectMapper().readTree(client.send(jpeg));
                assertThat(resumed.path("status").asInt()).isEqualTo(202);

                lifecycle(kafka, "PersonalSessionEnded");
                await().atMost(HANG).until(() -> state() == PersonalSession.State.ENDED);
                var ended = new ObjectMapper().readTree(client.send(jpeg));
                assertThat(ended.path("status").asInt()).isEqualTo(409);
                assertThat(ended.path("type").asText()).isEqualTo("urn:classroom:problem:session-ended");
                assertThat(client.closeCode()).isEqualTo(1000);

                // Published: the two frames before the pause, then the one after it; the paused ones never.
                var records = frames.awaitRecords(3, HANG).getRecords();
                assertThat(records).allSatisfy(record -> {
                    assertThat(FramesTopic.violations(record)).isEmpty();
                    assertThat(FramesTopic.headers(record))
                            .containsEntry("sessionId", sessionId)
                            .containsEntry("userId", owner)
                            .containsEntry("sourceId", "webcam:" + owner)
                            .containsEntry("tenantId", tenant);
                });
                assertThat(FramesTopic.headers(records.get(2)))
                        .containsEntry("frameId", resumed.path("frameId").asText());
                frames.stop();
            }
        }
        assertThat(WebcamClient.upgradeStatus(baseUri, sessionId, token)).isEqualTo(409);
        rest().then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:session-ended"));
    }

    private io.restassured.response.Response rest() {
        return given().auth()
                .oauth2(token)
                .contentType("image/jpeg")
                .queryParam("sessionId", sessionId)
                .body(jpeg)
                .post(FRAMES);
    }

    private PersonalSession.State state() {
        return sessions.find(sessionId).map(PersonalSession::state).orElse(null);
    }

    /** What tracking-service publishes when the owner starts, pauses, resumes or ends the session. */
    private void lifecycle(KafkaCompanion kafka, String type) throws IOException {
        var now = Instant.now().toString();
        var event = new ObjectMapper()
                .writeValueAsString(Map.of(
                        "eventId", UUID.randomUUID().toString(),
                        "type", type,
                        "occurredAt", now,
                        "tenantId", tenant,
                        "sessionId", sessionId,
                        "userId", owner,
                        "at", now,
                        "app", "classroom-web"));
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>("tracking.activity.v1", owner, event))
                .awaitCompletion(HANG);
    }
}
