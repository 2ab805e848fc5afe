package io.classroom.tracking.websocket;

import static io.classroom.tracking.TestSupport.KAFKA;
import static io.classroom.tracking.TestSupport.frame;
import static io.classroom.tracking.TestSupport.produce;
import static io.classroom.tracking.TestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.TestSupport;
import io.classroom.tracking.TestSupport.Face;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The live feed: snapshot, deltas through Redis pub/sub, the token in Sec-WebSocket-Protocol, access rules. */
@QuarkusTest
class LiveSessionWebSocketIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private final String tenant = TestSupport.tenant();
    private final UUID teacher = UUID.randomUUID();
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    /** Text messages received, and how the connection ended (close code, or -1 while open). */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        /** Arrival time (epoch ms) of each message, in the order of {@link #messages}. */
        final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

        volatile int closeCode = -1;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                arrivals.add(System.currentTimeMillis());
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        JsonNode next() throws Exception {
            String message = messages.poll(60, TimeUnit.SECONDS);
            arrivals.poll();
            assertThat(message).as("a message within 60 s").isNotNull();
            return JSON.readTree(message);
        }
    }

    Client connect(String sessionId, String jwt) {
        var client = new Client();
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + jwt, StandardCharsets.UTF_8)
                .replace("+", "%20");
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "ws/sessions/" + sessionId);
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("bearer-token-carrier", carrier)
                .buildAsync(uri, client)
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        return client;
    }

    @Test
    void theTeacherGetsASnapshotThenDeltas() throws Exception {
        UUID sessionId = UUID.randomUUID();
        String classId = "class-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-01-07T08:00:00Z");
        try (var kafka = new KafkaCompanion(KAFKA)) {
            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionStarted(tenant, sessionId, classId, teacher, List.of(ada, bob), start));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(token(teacher, tenant, "TEACHER"))
                            .get("/api/tracking/sessions/{id}", sessionId)
                            .then()
                            .statusCode(200));

            var client = connect(sessionId.toString(), token(teacher, tenant, "TEACHER"));
            var snapshot = client.next();
            assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.get("students")).hasSize(2);

            // the frame's trace as vision sends it (not sampled, as in local runs): the delta continues it
            String traceId = UUID.randomUUID().toString().replace("-", "");
            var observation = new ProducerRecord<>(
                    "vision.observations.v1",
                    "cam-a",
                    frame(tenant, "cam-a", sessionId, null, start.plusSeconds(3), List.of(Face.of(ada, true))));
            observation
                    .headers()
                    .add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-00").getBytes(StandardCharsets.UTF_8));
            kafka.produceStrings().fromRecords(observation).awaitCompletion(Duration.ofSeconds(60));
            var delta = client.next();
            assertThat(delta.get("type").asText()).isEqualTo("delta");
            assertThat(delta.get("traceparent").asText()).startsWith("00-" + traceId + "-");
            assertThat(delta.get("students").get(0).get("userId").asText()).isEqualTo(ada.toString());
            assertThat(delta.get("students").get(0).get("presentNow").asBoolean())
                    .isTrue();
            assertThat(delta.get("students").get(0).get("gazeDirection").asText())
                    .isEqualTo("CENTER");
            assertThat(delta.get("students").get(0).get("flags")).isEmpty();

            // Ada's own webcam, verified, with a friend beside her: she is flagged, the friend counts for nobody
            produce(
                    kafka,
                    "vision.observations.v1",
                    "webcam:" + ada,
                    TestSupport.webcamFrame(
                            tenant,
                            sessionId,
                            ada,
                            start.plusSeconds(4),
                            true,
                            1,
                            List.of(new Face(ada, true, 2, -3, 0.5, "LEFT"), Face.of(bob, true))));
            JsonNode flagged = until(
                    client,
                    m -> m.get("students").size() > 0
                            && m.get("students").get(0).get("flags").size() > 0);
            var adaNow = flagged.get("students").get(0);
            assertThat(flagged.get("students")).hasSize(1);
            assertThat(adaNow.get("userId").asText()).isEqualTo(ada.toString());
            assertThat(adaNow.get("flags").get(0).asText()).isEqualTo("OTHERS_IN_FRAME");
            assertThat(adaNow.get("framesWithOthers").asInt()).isEqualTo(1);
            assertThat(adaNow.get("gazeDirection").asText()).isEqualTo("LEFT");
            assertThat(adaNow.get("attentiveNow").asBoolean()).isTrue();

            // another teacher of the same school is turned away
            var stranger = connect(sessionId.toString(), token(UUID.randomUUID(), tenant, "TEACHER"));
            await().atMost(Duration.ofSeconds(60)).until(() -> stranger.closeCode == 1008);
            assertThat(stranger.messages).isEmpty();
        }
    }

    /**
     * A teacher opens the feed right after starting a session, before its start event has reached this service (a
     * freshly started suite's consumers may take seconds to join): the feed waits for it instead of closing.
     */
    @Test
    void aFeedOpenedBeforeTheSessionIsKnownGetsItsSnapshotOnceItIs() throws Exception {
        UUID sessionId = UUID.randomUUID();
        String classId = "class-" + UUID.randomUUID();
        try (var kafka = new KafkaCompanion(KAFKA)) {
            // The consumer first catches up with the topic (its group reads it from the start in tests), so that the
            // wait below is the event's way through Kafka, not the topic's history.
            UUID caughtUp = UUID.randomUUID();
            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionStarted(
                            tenant,
                            caughtUp,
                            classId,
                            teacher,
                            List.of(ada),
                            Instant.now().minusSeconds(60)));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(token(teacher, tenant, "TEACHER"))
                            .get("/api/tracking/sessions/{id}", caughtUp)
                            .then()
                            .statusCode(200));

            var client = connect(sessionId.toString(), token(teacher, tenant, "TEACHER"));
            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionStarted(tenant, sessionId, classId, teacher, List.of(ada, bob), Instant.now()));
            var snapshot = client.next();
            assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.get("students")).hasSize(2);
            assertThat(client.closeCode).isEqualTo(-1);
        }
    }

    /** The next message that satisfies {@code condition} (earlier ones are skipped). */
    private static JsonNode until(Client client, Predicate<JsonNode> condition) throws Exception {
        while (true) {
            JsonNode message = client.next();
            if (condition.test(message)) {
                return message;
            }
        }
    }

    @Test
    void aPersonalSessionIsForItsOwnerOnlyAndShowsTheCurrentActivityAndFocus() throws Exception {
        Instant t0 = Instant.parse("2026-01-08T16:00:00Z");
        String studentToken = token(ada, tenant, "STUDENT");
        String id = given().auth()
                .oauth2(studentToken)
                .contentType("application/json")
                .body("{\"startedAt\":\"" + t0 + "\"}")
                .post("/api/tracking/personal-sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        var owner = connect(id, studentToken);
        var snapshot = owner.next();
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.get("personal").get("state").asText()).isEqualTo("ACTIVE");
        assertThat(snapshot.get("personal").get("faceFound").asBoolean()).isFalse();

        var other = connect(id, token(bob, tenant, "STUDENT"));
        await().atMost(Duration.ofSeconds(60)).until(() -> other.closeCode == 1008);

        try (var kafka = new KafkaCompanion(KAFKA)) {
            // three seconds of watching the screen, attentive
            for (int sec = 0; sec <= 2; sec++) {
                produce(
                        kafka,
                        "vision.observations.v1",
                        "webcam:" + ada,
                        frame(
                                tenant,
                                "webcam:" + ada,
                                UUID.fromString(id),
                                ada,
                                t0.plusSeconds(sec),
                                List.of(new Face(ada, true, 1, -2, 0.5, "CENTER"))));
            }
            var live = until(owner, m -> m.path("personal").path("focusSeconds").asLong() == 2)
                    .get("personal");
            assertThat(live.get("state").asText()).isEqualTo("ACTIVE");
            assertThat(live.get("faceFound").asBoolean()).isTrue();
            assertThat(live.get("gazeDirection").asText()).isEqualTo("CENTER");
            assertThat(live.get("attentive").asBoolean()).isTrue();
            assertThat(live.get("activity").asText()).isEqualTo("WATCHING");
            assertThat(live.get("activitySource").asText()).isEqualTo("INFERRED");
            assertThat(live.get("focusPct").asDouble()).isEqualTo(100.0);
            assertThat(live.get("frameIgnored").isNull()).isTrue();

            // the student says they read now, then pauses: a frame taken during the pause is ignored, and said to be
            given().auth()
                    .oauth2(studentToken)
                    .contentType("application/json")
                    .body("{\"activities\":[{\"activity\":\"READING\",\"at\":\"" + t0.plusSeconds(5) + "\"}]}")
                    .post("/api/tracking/personal-sessions/{id}/activities", id)
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(studentToken)
                    .contentType("application/json")
                    .body("{\"at\":\"" + t0.plusSeconds(10) + "\"}")
                    .post("/api/tracking/personal-sessions/{id}/pause", id)
                    .then()
                    .statusCode(200);
            produce(
                    kafka,
                    "vision.observations.v1",
                    "webcam:" + ada,
                    frame(tenant, "webcam:" + ada, UUID.fromString(id), ada, t0.plusSeconds(11), List.of()));
            var ignored = until(
                            owner,
                            m -> !m.path("personal").path("frameIgnored").isNull()
                                    && !m.path("personal").path("frameIgnored").isMissingNode())
                    .get("personal");
            assertThat(ignored.get("frameIgnored").asText()).isEqualTo("PAUSED");
            assertThat(ignored.get("state").asText()).isEqualTo("PAUSED");
            assertThat(ignored.get("activity").asText()).isEqualTo("READING");
            assertThat(ignored.get("activitySource").asText()).isEqualTo("REPORTED");
            assertThat(ignored.get("focusSeconds").asLong()).isEqualTo(2);
        }
    }

    @Test
    void noTokenNoConnection() {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "ws/sessions/" + UUID.randomUUID());
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(uri, new Client())
                        .orTimeout(60, TimeUnit.SECONDS)
                        .join())
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
    }
}
