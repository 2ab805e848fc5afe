package io.classroom.ingest.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.classroom.ingest.CamerasTopic;
import io.classroom.ingest.FramesTopic;
import io.classroom.ingest.TestCamera;
import io.classroom.ingest.security.Roles;
import io.classroom.ingest.stream.ImageInfo;
import io.classroom.testing.EventSchemas;
import io.classroom.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Stream workers against the real RTSP camera, Kafka, PostgreSQL and Redis. Nothing here measures a rate or a
 * duration: the tests check the ffmpeg command that sets them, frames, headers, states and counts.
 */
@QuarkusTest
class CameraStreamingIT {

    private static final String CAMERAS = "/api/ingest/cameras";
    /** Only bounds a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Inject
    RedisDataSource redis;

    @Inject
    StreamSupervisor supervisor;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    private final String tenant = TestTokens.newTenant();
    private final String teacher = TestTokens.token(tenant, UUID.randomUUID(), Roles.TEACHER);
    private final String admin = TestTokens.token(tenant, UUID.randomUUID(), Roles.ADMIN);

    private String create(String url, double fps) {
        var body = new HashMap<String, Object>(Map.of(
                "name",
                "cam " + UUID.randomUUID(),
                "rtspUrl",
                url,
                "analysisFps",
                fps,
                "outputWidth",
                320,
                "outputHeight",
                180));
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(body)
                .post(CAMERAS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private JsonPath status(String id) {
        return given().auth()
                .oauth2(teacher)
                .get(CAMERAS + "/" + id + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void awaitState(String id, String state) {
        await().atMost(HANG)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(status(id).getString("state")).isEqualTo(state));
    }

    private void start(String id) {
        given().auth().oauth2(admin).post(CAMERAS + "/" + id + "/start").then().statusCode(202);
    }

    private void delete(String id) {
        given().auth().oauth2(admin).delete(CAMERAS + "/" + id).then().statusCode(204);
    }

    private JsonPath probe(Map<String, Object> body) {
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(body)
                .post(CAMERAS + "/test")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void connectionTestReportsTheStreamOrAClearReason() throws Exception {
        var ok = probe(Map.of("rtspUrl", TestCamera.SHARED_URL));
        assertThat(ok.getBoolean("ok")).isTrue();
        assertThat(ok.getString("codec")).isEqualTo("h264");
        assertThat(ok.getInt("width")).isEqualTo(1280);
        assertThat(ok.getInt("height")).isEqualTo(720);
        assertThat(ok.getDouble("fps")).isEqualTo(10.0);

        var saved = create(TestCamera.SHARED_URL, 1);
        try {
            given().auth()
                    .oauth2(admin)
                    .post(CAMERAS + "/" + saved + "/test")
                    .then()
                    .statusCode(200)
                    .body("ok", equalTo(true))
                    .body("codec", equalTo("h264"));
        } finally {
            delete(saved);
        }

        var refused = probe(Map.of("rtspUrl", "rtsp://127.0.0.1:1/classroom"));
        assertThat(refused.getBoolean("ok")).isFalse();
        assertThat(refused.getString("reason")).isEqualTo("UNREACHABLE");
        assertThat(refused.getString("detail")).isEqualTo("No RTSP server answered at this address");

        var missing = probe(Map.of("rtspUrl", "rtsp://127.0.0.1:8554/no-such-stream"));
        assertThat(missing.getString("reason")).isEqualTo("NOT_A_VIDEO_STREAM");

        assumeTrue(TestCamera.available(), "deploy/local/rtsp/camera.py or the demo video is missing");
        try (var camera = TestCamera.start()) {
            var denied = probe(Map.of("rtspUrl", camera.url("/secure"), "username", "u", "password", "Wr0ngPass"));
            assertThat(denied.getString("reason")).isEqualTo("AUTH_FAILED");
            assertThat(denied.getBoolean("withCredentials")).isTrue();
            assertThat(denied.getString("detail")).isEqualTo("The camera refused the credentials");
            assertThat(probe(Map.of("rtspUrl", camera.url("/secure"), "username", "u", "password", "p"))
                            .getBoolean("ok"))
                    .isTrue();
        }
    }

    /**
     * What used to map the network: a port where something else listens (PostgreSQL, Redis) reads exactly like a
     * closed one, and the answer carries nothing the server said.
     */
    @Test
    void anOpenPortOfAnotherServiceReadsLikeAClosedOne() {
        for (var url : new String[] {"rtsp://127.0.0.1:5432/", "rtsp://127.0.0.1:6379/", "rtsp://127.0.0.1:1/"}) {
            var result = probe(Map.of("rtspUrl", url));
            assertThat(result.getBoolean("ok")).as(url).isFalse();
            assertThat(result.getString("reason")).as(url).isEqualTo("UNREACHABLE");
            assertThat(result.getString("detail")).as(url).isEqualTo("No RTSP server answered at this address");
        }
    }

    @Test
    void framesArePublishedAsConfiguredWithHeadersAndTheirOwnTrace() {
        var id = create(TestCamera.SHARED_URL, 2);
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var frames = FramesTopic.follow(kafka, id);
            start(id);
            awaitState(id, "STREAMING");

            // The rate, size and quality are ffmpeg's work: this replica (the only one in tests) runs it as configured.
            var worker = supervisor.worker(UUID.fromString(id)).orElseThrow();
            var ffmpeg = worker.process();
            assertThat(ffmpeg.info().arguments().map(List::of).orElseThrow())
                    .containsSubsequence("-protocol_whitelist", "rtsp,rtp,udp,tcp,tls")
                    .containsSubsequence("-vf", "fps=2.000,scale=320:180")
                    .containsSubsequence("-c:v", "mjpeg", "-q:v", "8"); // JPEG quality 80 (the default)

            var records = frames.awaitRecords(6, HANG).getRecords().subList(0, 6);
            var traceIds = new java.util.HashSet<String>();
            long previous = 0;
            for (var record : records) {
                assertThat(FramesTopic.violations(record)).isEmpty();
                var headers = FramesTopic.headers(record);
                assertThat(headers)
                        .containsEntry("sourceId", id)
                        .containsEntry("tenantId", tenant)
                        .containsEntry("width", "320")
                        .containsEntry("height", "180")
                        .containsEntry("contentType", "image/jpeg")
                        .doesNotContainKey("sessionId");
                long capturedAt = Instant.parse(headers.get("capturedAt")).toEpochMilli();
                assertThat(headers.get("frameId")).isEqualTo(id + ":" + capturedAt);
                assertThat(capturedAt).isGreaterThan(previous);
                previous = capturedAt;
                assertThat(ImageInfo.read(record.value())).isEqualTo(new ImageInfo("image/jpeg", 320, 180));
                // Each camera frame starts a trace of its own.
                var traceparent = FramesTopic.traceparent(record);
                assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
                traceIds.add(traceparent.split("-")[1]);
            }
            assertThat(traceIds).hasSize(records.size());
            frames.stop();

            await().atMost(HANG).untilAsserted(() -> {
                var status = status(id);
                assertThat(status.getLong("framesPublished")).isGreaterThanOrEqualTo(records.size());
                assertThat(status.getDouble("outputFps")).isPositive();
                assertThat(status.getDouble("inputFps")).isEqualTo(10.0);
                assertThat(status.getString("owner")).isNotBlank();
                assertThat(Instant.parse(status.getString("lastFrameAt")).toEpochMilli())
                        .isGreaterThanOrEqualTo(Instant.parse(
                                        FramesTopic.headers(records.get(0)).get("capturedAt"))
                                .toEpochMilli());
            });
            assertThat(redis.hash(String.class).hget("camera:status:" + id, "state"))
                    .isEqualTo("STREAMING");
            assertThat(redis.key().pttl("camera:status:" + id)).isPositive();
            given().get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("ingest_camera_frames_published_total{camera=\"" + id));

            // Its ffmpeg must end with the stream.
            assertThat(ffmpeg.isAlive()).isTrue();
            given().auth()
                    .oauth2(admin)
                    .post(CAMERAS + "/" + id + "/stop")
                    .then()
                    .statusCode(202)
                    .body("requested", equalTo(false));
            awaitState(id, "STOPPED");
            await().atMost(HANG).until(() -> !ffmpeg.isAlive());
            assertThat(ProcessHandle.current().descendants().filter(p -> p.pid() == ffmpeg.pid()))
                    .isEmpty();
        } finally {
            delete(id);
        }
    }

    @Test
    void wrongPortReconnectsAndWrongPathOrCredentialsFail() throws Exception {
        var refused = create("rtsp://127.0.0.1:1/classroom", 1);
        var missing = create("rtsp://127.0.0.1:8554/no-such-stream", 1);
        try {
            start(refused);
            start(missing);
            await().atMost(HANG).untilAsserted(() -> {
                var status = status(refused);
                assertThat(status.getString("state")).isEqualTo("RECONNECTING");
                assertThat(status.getString("reason")).isEqualTo("UNREACHABLE");
                assertThat(status.getMap("")).doesNotContainKey("lastError");
            });
            await().atMost(HANG).untilAsserted(() -> {
                var status = status(missing);
                assertThat(status.getString("state")).isEqualTo("FAILED");
                assertThat(status.getString("reason")).isEqualTo("NOT_A_VIDEO_STREAM");
            });
        } finally {
            delete(refused);
            delete(missing);
        }

        assumeTrue(TestCamera.available(), "deploy/local/rtsp/camera.py or the demo video is missing");
        try (var camera = TestCamera.start()) {
            var wrongPassword = create(camera.url("/secure").replace("rtsp://", "rtsp://u:Wr0ngPass@"), 1);
            try {
                start(wrongPassword);
                await().atMost(HANG).untilAsserted(() -> {
                    var status = status(wrongPassword);
                    assertThat(status.getString("state")).isEqualTo("FAILED");
                    assertThat(status.getString("reason")).isEqualTo("AUTH_FAILED");
                    assertThat(status.prettify()).doesNotContain("Wr0ngPass");
                });
            } finally {
                delete(wrongPassword);
            }
        }
    }

    @Test
    void reconnectsWhenTheServerStopsAndResumesWhenItReturns() throws Exception {
        assumeTrue(TestCamera.available(), "deploy/local/rtsp/camera.py or the demo video is missing");
        try (var camera = TestCamera.start()) {
            var id = create(camera.url("/secure").replace("rtsp://", "rtsp://u:p@"), 2);
            try {
                start(id);
                awaitState(id, "STREAMING");
                camera.stop();
                awaitState(id, "RECONNECTING");
                camera.restart();
                awaitState(id, "STREAMING");
                assertThat(status(id).getLong("reconnects")).isPositive();
            } finally {
                delete(id);
            }
        }
    }

    @Test
    void classSessionsStartAndStopTheirCameras() {
        var id = create(TestCamera.SHARED_URL, 1);
        var sessionId = UUID.randomUUID().toString();
        var now = Instant.now();
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var frames = FramesTopic.follow(kafka, id);
            var announcements = CamerasTopic.follow(kafka, id);
            var started = new HashMap<String, Object>();
            started.put("eventId", UUID.randomUUID().toString());
            started.put("type", "ClassSessionStarted");
            started.put("occurredAt", now.toString());
            started.put("tenantId", tenant);
            started.put("sessionId", sessionId);
            started.put("classId", UUID.randomUUID().toString());
            started.put("roomId", "room-a");
            started.put("teacherId", UUID.randomUUID().toString());
            started.put("roster", List.of(UUID.randomUUID().toString()));
            started.put("cameraIds", List.of(id, "not-a-registry-id"));
            started.put("startedAt", now.toString());
            started.put("plannedEnd", now.plusSeconds(3600).toString());
            started.put("attendanceThreshold", 75);
            send(kafka, started);

            await().atMost(HANG).until(() -> frames.getRecords().size() >= 2);
            var record = frames.getRecords().get(1);
            assertThat(FramesTopic.headers(record)).containsEntry("sessionId", sessionId);
            assertThat(FramesTopic.violations(record)).isEmpty();
            assertThat(status(id).getString("sessionId")).isEqualTo(sessionId);
            frames.stop();

            // The first frame of the session is announced with the camera's name and a blurred room snapshot.
            await().atMost(HANG).until(() -> !announcements.getRecords().isEmpty());
            var announced = announcements.getRecords().get(0).value();
            assertThat(EventSchemas.validate(CamerasTopic.TOPIC, announced)).isEmpty();
            var event = JsonPath.from(announced);
            assertThat(event.getString("sessionId")).isEqualTo(sessionId);
            assertThat(event.getString("cameraName")).startsWith("cam ");
            var snapshot = CamerasTopic.image(event);
            assertThat(snapshot.getWidth())
                    .isEqualTo(event.getInt("snapshot.width"))
                    .isLessThanOrEqualTo(320);
            assertThat(snapshot.getHeight()).isEqualTo(event.getInt("snapshot.height"));
            announcements.stop();

            var ended = new HashMap<String, Object>();
            ended.put("eventId", UUID.randomUUID().toString());
            ended.put("type", "ClassSessionEnded");
            ended.put("occurredAt", Instant.now().toString());
            ended.put("tenantId", tenant);
            ended.put("sessionId", sessionId);
            ended.put("classId", started.get("classId"));
            ended.put("startedAt", now.toString());
            ended.put("endedAt", Instant.now().toString());
            ended.put("reason", "DEACTIVATED");
            send(kafka, ended);
            awaitState(id, "STOPPED");
            assertThat(status(id).getBoolean("requested")).isFalse();
        } finally {
            delete(id);
        }
    }

    private static void send(KafkaCompanion kafka, Map<String, Object> event) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(event);
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("classroom.sessions.v1", (String) event.get("classId"), json))
                    .awaitCompletion(HANG);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
