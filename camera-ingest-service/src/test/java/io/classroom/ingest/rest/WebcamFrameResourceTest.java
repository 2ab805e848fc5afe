package io.classroom.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.FramesTopic;
import io.classroom.ingest.TestTokens;
import io.classroom.ingest.service.SessionStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebcamFrameResourceTest {

    private static final String FRAMES = "/api/ingest/webcam/frames";

    @Inject
    SessionStore sessions;

    @Inject
    BasicWebSocketConnector connector;

    @TestHTTPResource("/")
    URI baseUri;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    private final String tenant = TestTokens.tenant();
    private final String sessionId = UUID.randomUUID().toString();
    private final String student = UUID.randomUUID().toString();
    private final String classmate = UUID.randomUUID().toString();
    private byte[] jpeg;

    @BeforeEach
    void activeSession() throws IOException {
        try (var in = getClass().getResourceAsStream("/events/ingest.frames.v1/Frame.jpg")) {
            jpeg = in.readAllBytes();
        }
        var now = Instant.now();
        var event = new java.util.HashMap<String, Object>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "ClassSessionStarted");
        event.put("occurredAt", now.toString());
        event.put("tenantId", tenant);
        event.put("sessionId", sessionId);
        event.put("classId", UUID.randomUUID().toString());
        event.put("teacherId", UUID.randomUUID().toString());
        event.put("roster", List.of(student, classmate));
        event.put("cameraIds", List.of());
        event.put("startedAt", now.toString());
        event.put("plannedEnd", now.plusSeconds(1800).toString());
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(
                            "classroom.sessions.v1",
                            (String) event.get("classId"),
                            new ObjectMapper().writeValueAsString(event)))
                    .awaitCompletion(Duration.ofSeconds(20));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sessions.find(sessionId).isPresent());
    }

    private String studentToken(String userId) {
        return TestTokens.token(tenant, userId, "STUDENT");
    }

    @Test
    void framesInEveryFormatArePublishedWithTheSendersHeaders() throws Exception {
        var token = studentToken(student);
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var frames = FramesTopic.follow(kafka, "webcam:" + student);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "sessionId",
                            sessionId,
                            "frame_base64",
                            Base64.getEncoder().encodeToString(jpeg)))
                    .post(FRAMES)
                    .then()
                    .statusCode(202)
                    .body("sourceId", equalTo("webcam:" + student))
                    .body("width", equalTo(320))
                    .body("frameId", notNullValue());
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "sessionId",
                            sessionId,
                            "frame_base64",
                            "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg)))
                    .post(FRAMES)
                    .then()
                    .statusCode(202);
            given().auth()
                    .oauth2(token)
                    .contentType("image/jpeg")
                    .queryParam("sessionId", sessionId)
                    .body(jpeg)
                    .post(FRAMES)
                    .then()
                    .statusCode(202);
            Thread.sleep(1100); // next rate window: three frames per second per user in tests
            given().auth()
                    .oauth2(token)
                    .multiPart("sessionId", sessionId)
                    .multiPart("frame", "frame.jpg", jpeg, "image/jpeg")
                    .post(FRAMES)
                    .then()
                    .statusCode(202);
            given().auth()
                    .oauth2(token)
                    .contentType("image/png")
                    .queryParam("sessionId", sessionId)
                    .body(png(64, 48))
                    .post(FRAMES)
                    .then()
                    .statusCode(202)
                    .body("width", equalTo(64));

            var records = frames.awaitRecords(5, Duration.ofSeconds(20)).getRecords();
            for (var record : records) {
                assertThat(FramesTopic.violations(record)).isEmpty();
                assertThat(FramesTopic.headers(record))
                        .containsEntry("sourceId", "webcam:" + student)
                        .containsEntry("userId", student)
                        .containsEntry("sessionId", sessionId)
                        .containsEntry("tenantId", tenant)
                        .containsEntry("contentType", "image/jpeg");
                assertThat(record.value()[0] & 0xff).isEqualTo(0xFF);
            }
            frames.stop();
        }
    }

    @Test
    void badInputGetsClearClientErrors() {
        var token = studentToken(classmate);
        problem(
                given().auth()
                        .oauth2(token)
                        .contentType("image/jpeg")
                        .body(jpeg)
                        .post(FRAMES),
                400);
        problem(
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("sessionId", sessionId, "frame_base64", "%%% not base64 %%%"))
                        .post(FRAMES),
                400);
        problem(
                given().auth()
                        .oauth2(token)
                        .contentType("image/jpeg")
                        .queryParam("sessionId", sessionId)
                        .body("just some text pretending to be a JPEG".getBytes())
                        .post(FRAMES),
                415);
        problem(
                given().auth()
                        .oauth2(token)
                        .contentType("text/plain")
                        .queryParam("sessionId", sessionId)
                        .body("hello")
                        .post(FRAMES),
                415);
        problem(
                given().auth()
                        .oauth2(token)
                        .contentType("image/jpeg")
                        .queryParam("sessionId", sessionId)
                        .body(new byte[300_000])
                        .post(FRAMES),
                413);
        problem(
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "sessionId",
                                sessionId,
                                "frame_base64",
                                Base64.getEncoder().encodeToString(new byte[300_000])))
                        .post(FRAMES),
                413);
    }

    @Test
    void onlyTheRosterMaySendAndEachAtALimitedRate() {
        var outsider = studentToken(UUID.randomUUID().toString());
        problem(binary(outsider, sessionId), 403);
        problem(binary(studentToken(student), UUID.randomUUID().toString()), 404);
        problem(binary(TestTokens.token(TestTokens.tenant(), student, "STUDENT"), sessionId), 404);
        binary(TestTokens.token(tenant, "TEACHER"), sessionId).then().statusCode(202);
        given().contentType("image/jpeg").body(jpeg).post(FRAMES).then().statusCode(401);

        var token = studentToken(classmate);
        var limited = false;
        for (int i = 0; i < 8 && !limited; i++) {
            var response = binary(token, sessionId);
            if (response.statusCode() == 429) {
                limited = true;
                assertThat(response.header("Retry-After")).isEqualTo("1");
                assertThat(response.contentType()).startsWith("application/problem+json");
            } else {
                assertThat(response.statusCode()).isEqualTo(202);
            }
        }
        assertThat(limited).isTrue();
    }

    @Test
    void webSocketTakesBinaryAndJsonFramesFromTheRoster() throws Exception {
        var replies = new LinkedBlockingQueue<String>();
        var connection = connector
                .baseUri(baseUri)
                .path("/ws/webcam/" + sessionId)
                .addSubprotocol("bearer-token-carrier")
                .addSubprotocol(tokenProtocol(studentToken(student)))
                .onTextMessage((c, message) -> replies.add(message))
                .connectAndAwait();
        try {
            connection.sendBinaryAndAwait(io.vertx.core.buffer.Buffer.buffer(jpeg));
            assertThat(replies.poll(10, TimeUnit.SECONDS)).contains("\"status\":202");
            connection.sendTextAndAwait(new ObjectMapper()
                    .writeValueAsString(Map.of(
                            "sessionId",
                            sessionId,
                            "frame_base64",
                            Base64.getEncoder().encodeToString(jpeg))));
            assertThat(replies.poll(10, TimeUnit.SECONDS)).contains("\"status\":202");
            connection.sendBinaryAndAwait(io.vertx.core.buffer.Buffer.buffer("not an image".getBytes()));
            assertThat(replies.poll(10, TimeUnit.SECONDS)).contains("\"status\":415");
        } finally {
            connection.closeAndAwait();
        }

        // A student not on the roster: the JDK client reports how the server closed.
        var closeCode = new java.util.concurrent.atomic.AtomicInteger(-1);
        java.net.http.HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols(
                        "bearer-token-carrier",
                        tokenProtocol(studentToken(UUID.randomUUID().toString())))
                .buildAsync(
                        URI.create(baseUri.toString().replace("http", "ws") + "ws/webcam/" + sessionId),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onClose(
                                    java.net.http.WebSocket socket, int statusCode, String reason) {
                                closeCode.set(statusCode);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> closeCode.get() != -1);
        assertThat(closeCode.get()).isEqualTo(1008);
    }

    /** What a browser sends: the Authorization header as a URI-encoded subprotocol. */
    private static String tokenProtocol(String token) {
        return java.net.URLEncoder.encode(
                        "quarkus-http-upgrade#Authorization#Bearer " + token, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private io.restassured.response.Response binary(String token, String session) {
        return given().auth()
                .oauth2(token)
                .contentType("image/jpeg")
                .queryParam("sessionId", session)
                .body(jpeg)
                .post(FRAMES);
    }

    private static void problem(io.restassured.response.Response response, int status) {
        response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("type", notNullValue());
    }

    private static byte[] png(int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
