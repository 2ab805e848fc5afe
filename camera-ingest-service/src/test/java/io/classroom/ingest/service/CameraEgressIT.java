package io.classroom.ingest.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.classroom.ingest.FakeRtspServer;
import io.classroom.ingest.security.Roles;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Where camera-ingest connects, against scripted RTSP servers on loopback that record every connection and every
 * {@code Authorization} header: credentials go only to the scheme, host and port they were given for, a redirect is
 * never followed, and an address outside {@code ingest.cameras.allowed-networks} (127.0.0.1/32 in tests) is refused
 * before any connection.
 */
@QuarkusTest
class CameraEgressIT {

    private static final String CAMERAS = "/api/ingest/cameras";
    /** Only bounds a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private static final String USER = "cam-user";
    private static final String PASSWORD = "Cam-Passw0rd";
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final String tenant = TestTokens.newTenant();
    private final String admin = TestTokens.token(tenant, UUID.randomUUID(), Roles.ADMIN);

    private String create(String url, String username, String password) {
        var body = new HashMap<String, Object>(Map.of("name", "cam " + UUID.randomUUID(), "rtspUrl", url));
        if (username != null) {
            body.put("username", username);
            body.put("password", password);
        }
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

    private JsonPath testSaved(String id) {
        return given().auth()
                .oauth2(admin)
                .post(CAMERAS + "/" + id + "/test")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
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

    private void run(String id, boolean run) {
        given().auth()
                .oauth2(admin)
                .post(CAMERAS + "/" + id + (run ? "/start" : "/stop"))
                .then()
                .statusCode(202);
    }

    private JsonPath awaitFailed(String id, String reason) {
        return await().atMost(HANG)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> given().auth()
                                .oauth2(admin)
                                .get(CAMERAS + "/" + id + "/status")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        status -> "FAILED".equals(status.getString("state"))
                                && reason.equals(status.getString("reason")));
    }

    private void delete(String id) {
        given().auth().oauth2(admin).delete(CAMERAS + "/" + id).then().statusCode(204);
    }

    private static long authorized(FakeRtspServer server) {
        return server.requests().stream()
                .map(FakeRtspServer.Request::authorization)
                .flatMap(Optional::stream)
                .count();
    }

    @Test
    void credentialsGivenForOneHostNeverReachAnother() throws Exception {
        try (var hostA = FakeRtspServer.askingForCredentials("127.0.0.1");
                var hostB = FakeRtspServer.askingForCredentials("127.0.0.1")) {
            var id = create(hostA.url("/cam"), USER, PASSWORD);
            try {
                // The credentials go where they were given for (A answers 404 once they came: no video there).
                var atA = testSaved(id);
                assertThat(atA.getBoolean("withCredentials")).isTrue();
                assertThat(atA.getString("reason")).isEqualTo("NOT_A_VIDEO_STREAM");
                assertThat(hostA.requests())
                        .extracting(FakeRtspServer.Request::authorization)
                        .contains(Optional.of(BASIC));
                int seenByA = hostA.requests().size();

                // Only the URL changes, to B: the stored credentials are dropped, and the answer says so.
                given().auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "moved", "rtspUrl", hostB.url("/cam")))
                        .put(CAMERAS + "/" + id)
                        .then()
                        .statusCode(200)
                        .body("hasCredentials", equalTo(false));

                var atB = testSaved(id);
                assertThat(atB.getBoolean("withCredentials")).isFalse();
                assertThat(atB.getString("reason")).isEqualTo("AUTH_FAILED");
                assertThat(hostB.requests()).isNotEmpty();

                run(id, true);
                awaitFailed(id, "AUTH_FAILED");
                run(id, false);

                assertThat(hostB.requests())
                        .extracting(FakeRtspServer.Request::method)
                        .contains("DESCRIBE");
                assertThat(authorized(hostB)).isZero();
                assertThat(hostA.requests()).hasSize(seenByA);
            } finally {
                delete(id);
            }
        }
    }

    @Test
    void aRedirectIsNeverFollowed() throws Exception {
        try (var elsewhere = FakeRtspServer.askingForCredentials("127.0.0.1");
                var camera = FakeRtspServer.redirecting("127.0.0.1", elsewhere.url("/stolen"))) {
            var probed = probe(Map.of("rtspUrl", camera.url("/cam"), "username", USER, "password", PASSWORD));
            assertThat(probed.getBoolean("ok")).isFalse();
            assertThat(probed.getString("reason")).isEqualTo("NOT_ALLOWED");
            assertThat(probed.getString("detail")).doesNotContain("stolen", String.valueOf(elsewhere.port()));

            var id = create(camera.url("/cam"), USER, PASSWORD);
            try {
                run(id, true);
                awaitFailed(id, "NOT_ALLOWED");
                run(id, false);
            } finally {
                delete(id);
            }
            assertThat(camera.requests())
                    .extracting(FakeRtspServer.Request::method)
                    .contains("DESCRIBE");
            assertThat(elsewhere.connections()).isZero();
        }
    }

    @Test
    void anAddressOutsideTheAllowListIsRefusedWithoutAnyConnection() throws Exception {
        try (var outside = FakeRtspServer.askingForCredentials("127.0.0.2")) {
            var probed = probe(Map.of("rtspUrl", outside.url("/cam"), "username", USER, "password", PASSWORD));
            assertThat(probed.getBoolean("ok")).isFalse();
            assertThat(probed.getString("reason")).isEqualTo("NOT_ALLOWED");
            assertThat(probed.getString("detail")).isEqualTo("The address is not in the allowed camera networks");

            var id = create(outside.url("/cam"), USER, PASSWORD);
            try {
                assertThat(testSaved(id).getString("reason")).isEqualTo("NOT_ALLOWED");
                run(id, true);
                awaitFailed(id, "NOT_ALLOWED");
                run(id, false);
            } finally {
                delete(id);
            }
            assertThat(outside.connections()).isZero();
        }
        // Cloud metadata and the unspecified address, whatever the port: refused as well.
        for (var url : new String[] {
            "rtsp://169.254.169.254/latest", "rtsp://0.0.0.0:5432/", "rtsp://[::1]:8554/classroom", "rtsp://10.0.0.1/x"
        }) {
            assertThat(probe(Map.of("rtspUrl", url)).getString("reason"))
                    .as(url)
                    .isEqualTo("NOT_ALLOWED");
        }
    }
}
