package io.classroom.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.FramesTopic;
import io.classroom.ingest.TestClock;
import io.classroom.ingest.TestFrames;
import io.classroom.ingest.WebcamClient;
import io.classroom.ingest.security.Roles;
import io.classroom.ingest.service.SessionStore;
import io.classroom.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webcam uploads over REST and the WebSocket against the real broker and Redis. The rate limit counts frames per
 * second of the service's clock, which the tests hold still: how many frames pass does not depend on how fast the
 * test runs.
 */
@QuarkusTest
class WebcamFrameResourceIT {

    private static final String FRAMES = "/api/ingest/webcam/frames";
    /** Only bounds a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);
    /** %test.ingest.webcam.frames-per-second */
    private static final int FRAMES_PER_SECOND = 3;
    /** ingest.webcam.max-bytes and quarkus.websockets-next.server.max-message-size: 4 MiB. */
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    @Inject
    SessionStore sessions;

    @Inject
    BasicWebSocketConnector connector;

    @Inject
    TestClock clock;

    @TestHTTPResource("/")
    URI baseUri;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    private final String tenant = TestTokens.newTenant();
    private final String sessionId = UUID.randomUUID().toString();
    private final String student = UUID.randomUUID().toString();
    private final String classmate = UUID.randomUUID().toString();
    private final String teacherOfSession = UUID.randomUUID().toString();
    private byte[] jpeg;

    @BeforeEach
    void activeSession() throws IOException {
        try (var in = getClass().getResourceAsStream("/events/ingest.frames.v1/Frame.jpg")) {
            jpeg = in.readAllBytes();
        }
        var now = Instant.now();
        var event = new HashMap<String, Object>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "ClassSessionStarted");
        event.put("occurredAt", now.toString());
        event.put("tenantId", tenant);
        event.put("sessionId", sessionId);
        event.put("classId", UUID.randomUUID().toString());
        event.put("teacherId", teacherOfSession);
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
                    .awaitCompletion(HANG);
        }
        await().atMost(HANG).until(() -> sessions.find(sessionId).isPresent());
        clock.hold();
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private String studentToken(String userId) {
        return TestTokens.token(tenant, userId, Roles.STUDENT);
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
            clock.advance(Duration.ofSeconds(1)); // the next rate window
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

            var records = frames.awaitRecords(5, HANG).getRecords();
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
                        .body(new byte[MAX_BYTES + 1])
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
                                Base64.getEncoder().encodeToString(new byte[MAX_BYTES + 1])))
                        .post(FRAMES),
                413);
        problem(
                given().auth()
                        .oauth2(token)
                        .multiPart("sessionId", sessionId)
                        .multiPart("frame", "frame.jpg", new byte[MAX_BYTES + 1], "image/jpeg")
                        .post(FRAMES),
                413);
    }

    @Test
    void onlyTheRosterMaySendAndEachAtALimitedRate() {
        var outsider = TestTokens.token(tenant, UUID.randomUUID(), Roles.STUDENT);
        problem(binary(outsider, sessionId), 403);
        problem(binary(studentToken(student), UUID.randomUUID().toString()), 404);
        problem(binary(TestTokens.token(TestTokens.newTenant(), student, Roles.STUDENT), sessionId), 404);
        // The session's teacher may (a laptop webcam instead of a room camera); other teachers and admins may not.
        binary(TestTokens.token(tenant, teacherOfSession, Roles.TEACHER), sessionId)
                .then()
                .statusCode(202);
        problem(binary(TestTokens.token(tenant, UUID.randomUUID(), Roles.TEACHER), sessionId), 403);
        problem(binary(TestTokens.token(tenant, UUID.randomUUID(), Roles.ADMIN), sessionId), 403);
        given().contentType("image/jpeg").body(jpeg).post(FRAMES).then().statusCode(401);

        // Within one second of the service's clock: the limit passes, the next frame is refused.
        var token = studentToken(classmate);
        for (int i = 0; i < FRAMES_PER_SECOND; i++) {
            binary(token, sessionId).then().statusCode(202);
        }
        var limited = binary(token, sessionId);
        problem(limited, 429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.jsonPath().getString("type")).isEqualTo("urn:classroom:problem:rate-limited");
        // Another user has a window of their own; the next second opens a new one.
        binary(studentToken(student), sessionId).then().statusCode(202);
        clock.advance(Duration.ofSeconds(1));
        binary(token, sessionId).then().statusCode(202);
    }

    @Test
    void webSocketTakesBinaryAndJsonFramesFromTheRoster() throws Exception {
        var replies = new LinkedBlockingQueue<String>();
        var connection = connector
                .baseUri(baseUri)
                .path("/ws/webcam/" + sessionId)
                .addSubprotocol("bearer-token-carrier")
                .addSubprotocol(WebcamClient.tokenProtocol(studentToken(student)))
                .onTextMessage((c, message) -> replies.add(message))
                .connectAndAwait();
        try {
            connection.sendBinaryAndAwait(Buffer.buffer(jpeg));
            assertThat(replies.poll(HANG.toSeconds(), TimeUnit.SECONDS)).contains("\"status\":202");
            connection.sendTextAndAwait(new ObjectMapper()
                    .writeValueAsString(Map.of(
                            "sessionId",
                            sessionId,
                            "frame_base64",
                            Base64.getEncoder().encodeToString(jpeg))));
            assertThat(replies.poll(HANG.toSeconds(), TimeUnit.SECONDS)).contains("\"status\":202");
            connection.sendBinaryAndAwait(Buffer.buffer("not an image".getBytes()));
            assertThat(replies.poll(HANG.toSeconds(), TimeUnit.SECONDS)).contains("\"status\":415");
        } finally {
            connection.closeAndAwait();
        }

        // A student not on the roster never gets a connection: the upgrade is refused.
        assertThat(WebcamClient.upgradeStatus(
                        baseUri, sessionId, studentToken(UUID.randomUUID().toString())))
                .isEqualTo(403);
        assertThat(WebcamClient.upgradeStatus(baseUri, UUID.randomUUID().toString(), studentToken(student)))
                .isEqualTo(404);
    }

    /**
     * Webcam-sized frames (a frame of the demo video at 1280x720 and 1920x1080, JPEG and PNG) pass as one WebSocket
     * frame each, as browsers send them, in binary and as base64 JSON (a 720p JPEG's base64 is far above the 64 KiB
     * of Vert.x's default frame limit), and over REST; each is published at its size.
     */
    @Test
    void webcamSizedFramesPassOverTheWebSocketAndRest() throws Exception {
        assumeTrue(TestFrames.available(), "the demo video or ffmpeg is missing");
        var hd = TestFrames.jpeg(1280, 720);
        var fullHd = TestFrames.jpeg(1920, 1080);
        var fullHdPng = TestFrames.png(1920, 1080);
        assertThat(Base64.getEncoder().encodeToString(hd).length()).isGreaterThan(64 * 1024);
        assertThat(fullHdPng.length).isGreaterThan(1024 * 1024);
        var token = studentToken(student);
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var frames = FramesTopic.follow(kafka, "webcam:" + student);
            try (var client = WebcamClient.connect(baseUri, sessionId, token)) {
                assertThat(client.send(hd)).contains("\"status\":202");
                assertThat(client.sendText(json(hd))).contains("\"status\":202");
                assertThat(client.send(fullHd)).contains("\"status\":202");
                clock.advance(Duration.ofSeconds(1));
                assertThat(client.sendText(json(fullHd))).contains("\"status\":202");
                assertThat(client.send(fullHdPng)).contains("\"status\":202");
                assertThat(client.sendText(json(fullHdPng))).contains("\"status\":202");
            }
            clock.advance(Duration.ofSeconds(1));
            given().auth()
                    .oauth2(token)
                    .contentType("image/png")
                    .queryParam("sessionId", sessionId)
                    .body(fullHdPng)
                    .post(FRAMES)
                    .then()
                    .statusCode(202)
                    .body("width", equalTo(1920))
                    .body("height", equalTo(1080));
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(json(hd))
                    .post(FRAMES)
                    .then()
                    .statusCode(202)
                    .body("width", equalTo(1280));

            var records = frames.awaitRecords(8, HANG).getRecords();
            assertThat(records)
                    .extracting(r -> FramesTopic.headers(r).get("width") + "x"
                            + FramesTopic.headers(r).get("height"))
                    .containsExactly(
                            "1280x720",
                            "1280x720",
                            "1920x1080",
                            "1920x1080",
                            "1920x1080",
                            "1920x1080",
                            "1920x1080",
                            "1280x720");
            assertThat(records).allSatisfy(record -> {
                assertThat(FramesTopic.violations(record)).isEmpty();
                assertThat(FramesTopic.headers(record)).containsEntry("contentType", "image/jpeg");
                assertThat(record.value().length).isLessThanOrEqualTo(921_600);
                assertThat(record.value()[0] & 0xff).isEqualTo(0xFF);
            });
            frames.stop();
        }
    }

    /**
     * A message above 4 MiB gets an answer and a close frame with 1009, never a dropped connection: in one frame (as
     * a browser sends it) and fragmented (as the Vert.x client sends it). Nothing of it is published.
     */
    @Test
    void aMessageAboveFourMebibytesIsAnsweredAndClosedWith1009() throws Exception {
        var token = studentToken(student);
        var oversized = new byte[MAX_BYTES + 1];
        System.arraycopy(jpeg, 0, oversized, 0, jpeg.length);
        try (var client = WebcamClient.connect(baseUri, sessionId, token)) {
            assertThat(client.send(jpeg)).contains("\"status\":202");
            var reply = new ObjectMapper().readTree(client.send(oversized));
            assertThat(reply.path("status").asInt()).isEqualTo(413);
            assertThat(reply.path("detail").asText()).contains(Integer.toString(MAX_BYTES));
            assertThat(client.closeCode()).isEqualTo(1009);
        }
        try (var client = WebcamClient.connect(baseUri, sessionId, token)) {
            var text = new StringBuilder("{\"frame_base64\":\"");
            text.append("A".repeat(MAX_BYTES)).append("\"}");
            assertThat(client.sendText(text.toString())).contains("\"status\":413");
            assertThat(client.closeCode()).isEqualTo(1009);
        }

        var closed = new java.util.concurrent.CompletableFuture<Integer>();
        var replies = new LinkedBlockingQueue<String>();
        var connection = connector
                .baseUri(baseUri)
                .path("/ws/webcam/" + sessionId)
                .addSubprotocol("bearer-token-carrier")
                .addSubprotocol(WebcamClient.tokenProtocol(token))
                .onTextMessage((c, message) -> replies.add(message))
                .onClose((c, reason) -> closed.complete(reason.getCode()))
                .connectAndAwait();
        connection.sendBinaryAndAwait(Buffer.buffer(oversized));
        assertThat(replies.poll(HANG.toSeconds(), TimeUnit.SECONDS)).contains("\"status\":413");
        assertThat(closed.get(HANG.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1009);
    }

    private String json(byte[] frame) throws IOException {
        return new ObjectMapper()
                .writeValueAsString(Map.of(
                        "sessionId",
                        sessionId,
                        "frame_base64",
                        Base64.getEncoder().encodeToString(frame)));
    }

    /** The HTTP status a WebSocket upgrade is refused with (the JDK client reports it), or 101 when it is accepted. */
    @Test
    void publishedFramesContinueTheSendersTrace() throws Exception {
        var upload = traceparent();
        var message = traceparent();
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var frames = FramesTopic.follow(kafka, "webcam:" + classmate);
            given().auth()
                    .oauth2(studentToken(classmate))
                    .header("traceparent", upload)
                    .contentType("image/jpeg")
                    .queryParam("sessionId", sessionId)
                    .body(jpeg)
                    .post(FRAMES)
                    .then()
                    .statusCode(202);
            var replies = new LinkedBlockingQueue<String>();
            var connection = connector
                    .baseUri(baseUri)
                    .path("/ws/webcam/" + sessionId)
                    .addSubprotocol("bearer-token-carrier")
                    .addSubprotocol(WebcamClient.tokenProtocol(studentToken(classmate)))
                    .onTextMessage((c, text) -> replies.add(text))
                    .connectAndAwait();
            try {
                connection.sendTextAndAwait(new ObjectMapper()
                        .writeValueAsString(Map.of(
                                "sessionId",
                                sessionId,
                                "frame_base64",
                                Base64.getEncoder().encodeToString(jpeg),
                                "traceparent",
                                message)));
                assertThat(replies.poll(HANG.toSeconds(), TimeUnit.SECONDS)).contains("\"status\":202");
            } finally {
                connection.closeAndAwait();
            }

            var records = frames.awaitRecords(2, HANG).getRecords();
            assertThat(records)
                    .extracting(FramesTopic::traceparent)
                    .allSatisfy(header -> assertThat(header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"))
                    .extracting(WebcamFrameResourceIT::traceId)
                    .containsExactly(traceId(upload), traceId(message));
            // The producer's span is a child of the sender's, not the sender's span itself.
            assertThat(records).extracting(FramesTopic::traceparent).doesNotContain(upload, message);
            frames.stop();
        }
    }

    /** A fresh W3C trace context of a client, not sampled (as everything locally). */
    private static String traceparent() {
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        return "00-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong()) + "-"
                + hex.toHexDigits(random.nextLong()) + "-00";
    }

    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    /** What a browser sends: the Authorization header as a URI-encoded subprotocol. */
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
