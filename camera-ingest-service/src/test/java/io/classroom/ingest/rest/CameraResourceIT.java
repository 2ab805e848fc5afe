package io.classroom.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.classroom.ingest.security.Roles;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CameraResourceIT {

    private static final String CAMERAS = "/api/ingest/cameras";

    @Inject
    Pool postgres;

    private final String tenant = TestTokens.newTenant();
    private final String admin = TestTokens.token(tenant, UUID.randomUUID(), Roles.ADMIN);
    private final String teacher = TestTokens.token(tenant, UUID.randomUUID(), Roles.TEACHER);

    private String create(Map<String, Object> body) {
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

    @Test
    void createReadUpdateDeleteWithoutEverShowingCredentials() {
        var response = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Front",
                        "roomId", "room-a",
                        "location", "above the board",
                        "rtspUrl", "rtsp://admin:Sup3rSecret@192.0.2.10:554/stream1",
                        "analysisFps", 2.5))
                .post(CAMERAS)
                .then()
                .statusCode(201)
                .body("rtspUrl", equalTo("rtsp://192.0.2.10:554/stream1"))
                .body("hasCredentials", equalTo(true))
                .body("tlsVerify", equalTo(true))
                .body("analysisFps", equalTo(2.5f))
                .body("outputWidth", equalTo(640))
                .body("jpegQuality", equalTo(80))
                .body("enabled", equalTo(true))
                .body("running", equalTo(false))
                .extract()
                .response();
        assertThat(response.asString()).doesNotContain("Sup3rSecret", "admin", "password", "username");
        assertThat(response.header("Location")).endsWith(CAMERAS + "/" + response.path("id"));
        var id = UUID.fromString(response.path("id"));

        // At rest the credentials are ciphertext.
        var row = postgres.preparedQuery("SELECT credentials, rtsp_url FROM cameras WHERE id = $1")
                .executeAndAwait(Tuple.of(id))
                .iterator()
                .next();
        assertThat(new String(row.getBuffer("credentials").getBytes(), StandardCharsets.ISO_8859_1))
                .doesNotContain("Sup3rSecret", "admin");
        assertThat(row.getString("rtsp_url")).doesNotContain("Sup3rSecret");

        given().auth().oauth2(teacher).get(CAMERAS).then().statusCode(200).body("id", hasItem(id.toString()));
        given().auth()
                .oauth2(teacher)
                .get(CAMERAS + "/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Front"))
                .body("location", equalTo("above the board"));

        // Omitted credentials are kept while the URL keeps scheme, host and port (the path may change, the default
        // port may be spelt out); empty ones clear them.
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Front 2", "rtspUrl", "rtsp://192.0.2.10/live", "jpegQuality", 60))
                .put(CAMERAS + "/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Front 2"))
                .body("hasCredentials", equalTo(true))
                .body("jpegQuality", equalTo(60))
                .body("analysisFps", equalTo(2.5f));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Front 2", "rtspUrl", "rtsp://192.0.2.10/live", "username", ""))
                .put(CAMERAS + "/" + id)
                .then()
                .statusCode(200)
                .body("hasCredentials", equalTo(false));

        given().auth()
                .oauth2(teacher)
                .get(CAMERAS + "/" + id + "/status")
                .then()
                .statusCode(200)
                .body("state", equalTo("STOPPED"))
                .body("requested", equalTo(false));

        given().auth()
                .oauth2(teacher)
                .get(CAMERAS + "/status")
                .then()
                .statusCode(200)
                .body("cameraId", hasItem(id.toString()))
                .body("state", hasItem("STOPPED"));

        given().auth().oauth2(admin).delete(CAMERAS + "/" + id).then().statusCode(204);
        given().auth().oauth2(teacher).get(CAMERAS + "/" + id).then().statusCode(404);
        given().auth().oauth2(admin).delete(CAMERAS + "/" + id).then().statusCode(404);
    }

    /** Credentials are bound to scheme, host and port: a URL that moves without new ones drops them. */
    @Test
    void credentialsNeverFollowTheUrlToAnotherHostPortOrScheme() {
        for (var elsewhere : new String[] {
            "rtsp://192.0.2.99:554/stream1", "rtsp://192.0.2.10:8554/stream1", "rtsps://192.0.2.10:554/stream1"
        }) {
            var id = create(Map.of("name", "Door", "rtspUrl", "rtsp://admin:Sup3rSecret@192.0.2.10:554/stream1"));
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Door", "rtspUrl", elsewhere))
                    .put(CAMERAS + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("rtspUrl", equalTo(elsewhere))
                    .body("hasCredentials", equalTo(false));
            var row = postgres.preparedQuery("SELECT credentials FROM cameras WHERE id = $1")
                    .executeAndAwait(Tuple.of(UUID.fromString(id)))
                    .iterator()
                    .next();
            assertThat(row.getBuffer("credentials")).as(elsewhere).isNull();

            // Moving back does not bring them back either; new ones given with the move are kept.
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Door", "rtspUrl", "rtsp://192.0.2.10:554/stream1"))
                    .put(CAMERAS + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("hasCredentials", equalTo(false));
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Door", "rtspUrl", elsewhere, "username", "u2", "password", "p2"))
                    .put(CAMERAS + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("hasCredentials", equalTo(true));
            given().auth().oauth2(admin).delete(CAMERAS + "/" + id).then().statusCode(204);
        }
    }

    @Test
    void adminsMayTurnCertificateVerificationOff() {
        var id = create(Map.of("name", "Hall", "rtspUrl", "rtsps://192.0.2.20/live", "tlsVerify", false));
        given().auth()
                .oauth2(teacher)
                .get(CAMERAS + "/" + id)
                .then()
                .statusCode(200)
                .body("tlsVerify", equalTo(false));
        // Left out on replace: kept.
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Hall 2", "rtspUrl", "rtsps://192.0.2.20/live"))
                .put(CAMERAS + "/" + id)
                .then()
                .statusCode(200)
                .body("tlsVerify", equalTo(false));
        given().auth().oauth2(admin).delete(CAMERAS + "/" + id).then().statusCode(204);
    }

    @Test
    void invalidSettingsGetProblemBodies() {
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "X", "rtspUrl", "http://admin:Sup3rSecret@192.0.2.10/x"))
                .post(CAMERAS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:invalid-rtsp-url"))
                .body("detail", not(org.hamcrest.Matchers.containsString("Sup3rSecret")));
        for (var body : new Object[] {
            Map.of("name", "X", "rtspUrl", "rtsp://h/x", "analysisFps", 0.1),
            Map.of("name", "X", "rtspUrl", "rtsp://h/x", "analysisFps", 31),
            Map.of("name", "X", "rtspUrl", "rtsp://h/x", "jpegQuality", 0),
            Map.of("name", "X", "rtspUrl", "rtsp://h/x", "outputWidth", 641),
            Map.of("rtspUrl", "rtsp://h/x"),
            Map.of("name", "X")
        }) {
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post(CAMERAS)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("title", not(nullValue()));
        }
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{not json")
                .post(CAMERAS)
                .then()
                .statusCode(400);
    }

    /** A few cells of AuthorizationMatrixIT, with the problem bodies checked. */
    @Test
    void onlyTeachersAndAdminsOfTheTenant() {
        var id = create(Map.of("name", "Back", "rtspUrl", "rtsp://192.0.2.12/x", "enabled", false));
        try {
            given().auth()
                    .oauth2(TestTokens.token(tenant, UUID.randomUUID(), Roles.STUDENT))
                    .get(CAMERAS)
                    .then()
                    .statusCode(403);
            given().get(CAMERAS).then().statusCode(401);
            given().auth()
                    .oauth2(TestTokens.token(tenant, UUID.randomUUID(), Roles.ADMIN))
                    .get(CAMERAS + "/" + id)
                    .then()
                    .statusCode(200);
            var stranger = TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), Roles.ADMIN);
            given().auth().oauth2(stranger).get(CAMERAS + "/" + id).then().statusCode(404);
            given().auth()
                    .oauth2(stranger)
                    .get(CAMERAS + "/" + id + "/status")
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(stranger)
                    .post(CAMERAS + "/" + id + "/start")
                    .then()
                    .statusCode(404);
            given().auth().oauth2(stranger).delete(CAMERAS + "/" + id).then().statusCode(404);
            given().auth()
                    .oauth2(stranger)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Mine", "rtspUrl", "rtsp://h/x"))
                    .put(CAMERAS + "/" + id)
                    .then()
                    .statusCode(404);

            // Teachers read but do not change.
            given().auth()
                    .oauth2(teacher)
                    .post(CAMERAS + "/" + id + "/start")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:classroom:problem:admin-only"));
            given().auth().oauth2(teacher).delete(CAMERAS + "/" + id).then().statusCode(403);

            // A disabled camera cannot be started.
            given().auth()
                    .oauth2(admin)
                    .post(CAMERAS + "/" + id + "/start")
                    .then()
                    .statusCode(409)
                    .body("type", equalTo("urn:classroom:problem:camera-disabled"));
        } finally {
            given().auth().oauth2(admin).delete(CAMERAS + "/" + id).then().statusCode(204);
        }
    }
}
