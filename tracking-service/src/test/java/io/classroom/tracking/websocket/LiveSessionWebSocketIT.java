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

            // another teacher of the same school is turned away
            var stranger = connect(sessionId.toString(), token(UUID.randomUUID(), tenant, "TEACHER"));
            await().atMost(Duration.ofSeconds(60)).until(() -> stranger.closeCode == 1008);
            assertThat(stranger.messages).isEmpty();
        }
    }

    @Test
    void aPersonalSessionIsForItsOwnerOnly() throws Exception {
        String id = given().auth()
                .oauth2(token(ada, tenant, "STUDENT"))
                .contentType("application/json")
                .body("{}")
                .post("/api/tracking/personal-sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        var owner = connect(id, token(ada, tenant, "STUDENT"));
        assertThat(owner.next().get("type").asText()).isEqualTo("snapshot");

        var other = connect(id, token(bob, tenant, "STUDENT"));
        await().atMost(Duration.ofSeconds(60)).until(() -> other.closeCode == 1008);
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
