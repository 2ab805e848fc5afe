package io.classroom.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.ingest.security.Roles;
import io.classroom.ingest.service.ClassSessionService;
import io.classroom.ingest.service.PersonalSessionStore;
import io.classroom.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, for every operation of this service's OpenAPI and the webcam WebSocket, as a table: one row per
 * operation, the expected status per principal. The object of a camera row is a camera held by a running class
 * session (its teacher is the "owning" teacher, the student on its roster the "owning" student); the object of a
 * webcam row is that session, or a personal focus session of the owning student (running, paused or ended), which
 * has no teacher: only its owner sends into it, staff are refused (403), another student does not learn it exists
 * (404). Every refusal is a problem+json 4xx (the WebSocket's is the upgrade's HTTP status) and leaves the camera as it
 * was; another tenant's object answers 404, a camera a teacher may see but not change 403.
 */
@QuarkusTest
class AuthorizationMatrixIT {

    /** Columns of the table, in the order the cells run: the admin last, as its writes change the object. */
    enum Principal {
        ANONYMOUS,
        STUDENT_OWNER,
        STUDENT_OTHER,
        TEACHER_OWNER,
        TEACHER_OTHER,
        OTHER_TENANT,
        ADMIN
    }

    private static final String CAMERAS = "/api/ingest/cameras";
    private static final String FRAMES = "/api/ingest/webcam/frames";
    private static final String WEBSOCKET = "/ws/webcam/{sessionId}";
    /** The reply to a published frame. */
    private static final String ACCEPTED = "\"status\":202";
    /** Outside the test allow-list: tests and starts answer NOT_ALLOWED at once, without any connection. */
    private static final String CAMERA_URL = "rtsp://192.0.2.10:554/front";

    /** One operation and the statuses it answers, in {@link Principal} order. */
    private record Row(String method, String path, Call call, int... expected) {}

    @FunctionalInterface
    private interface Call {
        /** {@code token} null: anonymous. Returns the HTTP status. */
        int perform(Fixture fixture, String token) throws Exception;
    }

    /** A camera held by an active class session of the tenant, and personal sessions of the owning student. */
    private record Fixture(String cameraId, String sessionId, String running, String paused, String ended) {}

    @Inject
    ClassSessionService sessions;

    @Inject
    PersonalSessionStore personalSessions;

    @Inject
    Pool postgres;

    @Inject
    TestClock clock;

    @TestHTTPResource("/")
    URI baseUri;

    private final String tenant = TestTokens.newTenant();
    private final UUID studentOwner = UUID.randomUUID();
    private final UUID teacherOwner = UUID.randomUUID();
    private final Map<Principal, String> tokens = Map.of(
            Principal.STUDENT_OWNER, TestTokens.token(tenant, studentOwner, Roles.STUDENT),
            Principal.STUDENT_OTHER, TestTokens.token(tenant, UUID.randomUUID(), Roles.STUDENT),
            Principal.TEACHER_OWNER, TestTokens.token(tenant, teacherOwner, Roles.TEACHER),
            Principal.TEACHER_OTHER, TestTokens.token(tenant, UUID.randomUUID(), Roles.TEACHER),
            Principal.OTHER_TENANT, TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), Roles.ADMIN),
            Principal.ADMIN, TestTokens.token(tenant, UUID.randomUUID(), Roles.ADMIN));
    private byte[] jpeg;

    @BeforeEach
    void frame() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/ingest.frames.v1/Frame.jpg")) {
            jpeg = in.readAllBytes();
        }
        clock.hold();
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private List<Row> table() {
        return List.of(
                // Cameras: teachers and admins of the tenant read; only admins change, test, start and stop.
                new Row("GET", CAMERAS, (f, t) -> listed(t, f), 401, 403, 403, 200, 200, 200, 200),
                new Row(
                        "POST",
                        CAMERAS,
                        (f, t) -> json(t, Map.of("name", "New", "rtspUrl", CAMERA_URL))
                                .post(CAMERAS)
                                .statusCode(),
                        401,
                        403,
                        403,
                        403,
                        403,
                        201,
                        201),
                new Row(
                        "GET",
                        CAMERAS + "/{id}",
                        (f, t) -> as(t).get(CAMERAS + "/" + f.cameraId()).statusCode(),
                        401,
                        403,
                        403,
                        200,
                        200,
                        404,
                        200),
                new Row(
                        "PUT",
                        CAMERAS + "/{id}",
                        (f, t) -> json(
                                        t,
                                        Map.of(
                                                "name", "Changed",
                                                "rtspUrl", "rtsp://192.0.2.77/other",
                                                "username", "intruder",
                                                "password", "intruder-password"))
                                .put(CAMERAS + "/" + f.cameraId())
                                .statusCode(),
                        401,
                        403,
                        403,
                        403,
                        403,
                        404,
                        200),
                new Row(
                        "DELETE",
                        CAMERAS + "/{id}",
                        (f, t) -> as(t).delete(CAMERAS + "/" + f.cameraId()).statusCode(),
                        401,
                        403,
                        403,
                        403,
                        403,
                        404,
                        204),
                new Row(
                        "POST",
                        CAMERAS + "/{id}/start",
                        (f, t) -> as(t).post(CAMERAS + "/" + f.cameraId() + "/start")
                                .statusCode(),
                        401,
                        403,
                        403,
                        403,
                        403,
                        404,
                        202),
                new Row(
                        "POST",
                        CAMERAS + "/{id}/stop",
                        (f, t) -> as(t).post(CAMERAS + "/" + f.cameraId() + "/stop")
                                .statusCode(),
                        401,
                        403,
                        403,
                        403,
                        403,
                        404,
                        202),
                new Row(
                        "GET",
                        CAMERAS + "/{id}/status",
                        (f, t) -> as(t).get(CAMERAS + "/" + f.cameraId() + "/status")
                                .statusCode(),
                        401,
                        403,
                        403,
                        200,
                        200,
                        404,
                        200),
                new Row(
                        "GET",
                        CAMERAS + "/status",
                        (f, t) -> as(t).get(CAMERAS + "/status").statusCode(),
                        401,
                        403,
                        403,
                        200,
                        200,
                        200,
                        200),
                new Row(
                        "POST",
                        CAMERAS + "/test",
                        (f, t) -> json(t, Map.of("rtspUrl", CAMERA_URL))
                                .post(CAMERAS + "/test")
                                .statusCode(),
                        401,
                        403,
                        403,
                        403,
                        403,
                        200,
                        200),
                new Row(
                        "POST",
                        CAMERAS + "/{id}/test",
                        (f, t) -> as(t).post(CAMERAS + "/" + f.cameraId() + "/test")
                                .statusCode(),
                        401,
                        403,
                        403,
                        403,
                        403,
                        404,
                        200),
                // Webcam frames: the session's roster students and its teacher, each for themselves.
                new Row(
                        "POST",
                        FRAMES,
                        (f, t) -> json(
                                        t,
                                        Map.of(
                                                "sessionId",
                                                f.sessionId(),
                                                "frame_base64",
                                                Base64.getEncoder().encodeToString(jpeg)))
                                .post(FRAMES)
                                .statusCode(),
                        401,
                        202,
                        403,
                        202,
                        403,
                        404,
                        403),
                new Row(
                        "POST",
                        FRAMES,
                        (f, t) -> as(t).contentType("image/jpeg")
                                .queryParam("sessionId", f.sessionId())
                                .body(jpeg)
                                .post(FRAMES)
                                .statusCode(),
                        401,
                        202,
                        403,
                        202,
                        403,
                        404,
                        403),
                new Row(
                        "POST",
                        FRAMES,
                        (f, t) -> as(t).multiPart("sessionId", f.sessionId())
                                .multiPart("frame", "frame.jpg", jpeg, "image/jpeg")
                                .post(FRAMES)
                                .statusCode(),
                        401,
                        202,
                        403,
                        202,
                        403,
                        404,
                        403),
                new Row(
                        "WS",
                        WEBSOCKET,
                        (f, t) -> upgrade(f.sessionId(), t, ACCEPTED),
                        401,
                        101,
                        403,
                        101,
                        403,
                        404,
                        403),
                // Webcam frames into a personal session: its owner only; paused: ignored (409), ended: refused (409).
                new Row(
                        "POST",
                        FRAMES,
                        (f, t) -> json(
                                        t,
                                        Map.of(
                                                "sessionId",
                                                f.running(),
                                                "frame_base64",
                                                Base64.getEncoder().encodeToString(jpeg)))
                                .post(FRAMES)
                                .statusCode(),
                        401,
                        202,
                        404,
                        403,
                        403,
                        404,
                        403),
                new Row("POST", FRAMES, (f, t) -> binary(t, f.running()), 401, 202, 404, 403, 403, 404, 403),
                new Row(
                        "WS",
                        WEBSOCKET,
                        (f, t) -> upgrade(f.running(), t, ACCEPTED),
                        401,
                        101,
                        404,
                        403,
                        403,
                        404,
                        403),
                new Row("POST", FRAMES, (f, t) -> binary(t, f.paused()), 401, 409, 404, 403, 403, 404, 403),
                new Row(
                        "WS",
                        WEBSOCKET,
                        (f, t) -> upgrade(f.paused(), t, "paused: frame ignored"),
                        401,
                        101,
                        404,
                        403,
                        403,
                        404,
                        403),
                new Row("POST", FRAMES, (f, t) -> binary(t, f.ended()), 401, 409, 404, 403, 403, 404, 403),
                new Row("WS", WEBSOCKET, (f, t) -> upgrade(f.ended(), t, ACCEPTED), 401, 409, 404, 403, 403, 404, 403));
    }

    @Test
    void everyOperationAnswersEachPrincipalAsTheTableSays() throws Exception {
        var failures = new ArrayList<String>();
        for (var row : table()) {
            var fixture = fixture();
            for (var principal : Principal.values()) {
                var token = tokens.get(principal);
                var before = snapshot(fixture);
                int status = row.call().perform(fixture, token);
                int expected = row.expected()[principal.ordinal()];
                var cell = row.method() + " " + row.path() + " as " + principal;
                if (status != expected) {
                    failures.add(cell + ": " + status + ", expected " + expected);
                } else if (status >= 400 && !snapshot(fixture).equals(before)) {
                    failures.add(cell + ": refused with " + status + " but the camera changed");
                }
            }
            // Each row starts a new rate window for the webcam uploads.
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(failures).isEmpty();
    }

    /** The table is complete: every operation the OpenAPI document lists has a row. */
    @Test
    void theTableCoversEveryOperationOfTheOpenApi() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        Set<String> documented = new HashSet<>();
        paths.forEach((path, operations) ->
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        Set<String> covered = new HashSet<>();
        table().forEach(row -> covered.add(row.method() + " " + row.path()));
        assertThat(covered).containsAll(documented).contains("WS " + WEBSOCKET);
    }

    /** Refusals are problem bodies, also for what the role checks refuse before the service decides. */
    @Test
    void refusalsAreProblemBodies() throws Exception {
        var fixture = fixture();
        var refusals = List.of(
                as(null).get(CAMERAS),
                as(tokens.get(Principal.STUDENT_OWNER)).get(CAMERAS),
                as(tokens.get(Principal.TEACHER_OWNER)).delete(CAMERAS + "/" + fixture.cameraId()),
                as(tokens.get(Principal.OTHER_TENANT)).get(CAMERAS + "/" + fixture.cameraId()),
                as(tokens.get(Principal.ADMIN))
                        .contentType("image/jpeg")
                        .queryParam("sessionId", fixture.sessionId())
                        .body(jpeg)
                        .post(FRAMES),
                as(tokens.get(Principal.TEACHER_OWNER))
                        .contentType("image/jpeg")
                        .queryParam("sessionId", fixture.running())
                        .body(jpeg)
                        .post(FRAMES),
                as(tokens.get(Principal.STUDENT_OWNER))
                        .contentType("image/jpeg")
                        .queryParam("sessionId", fixture.paused())
                        .body(jpeg)
                        .post(FRAMES));
        for (var response : refusals) {
            assertThat(response.statusCode()).isBetween(400, 499);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getInt("status")).isEqualTo(response.statusCode());
            assertThat(response.jsonPath().getString("type")).isNotBlank();
        }
    }

    private Fixture fixture() {
        String cameraId = json(tokens.get(Principal.ADMIN), Map.of("name", "Front", "rtspUrl", CAMERA_URL))
                .post(CAMERAS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        var sessionId = UUID.randomUUID();
        sessions.started(
                tenant,
                sessionId,
                teacherOwner.toString(),
                List.of(studentOwner.toString()),
                Instant.now().plusSeconds(1800),
                List.of(cameraId));
        return new Fixture(
                cameraId,
                sessionId.toString(),
                personal(PersonalSession.State.RUNNING),
                personal(PersonalSession.State.PAUSED),
                personal(PersonalSession.State.ENDED));
    }

    /** A personal session of the owning student, as tracking.activity.v1 leaves it. */
    private String personal(PersonalSession.State state) {
        var id = UUID.randomUUID().toString();
        personalSessions.apply(new PersonalSession(id, tenant, studentOwner.toString(), state), Instant.now());
        return id;
    }

    private int binary(String token, String sessionId) {
        return as(token)
                .contentType("image/jpeg")
                .queryParam("sessionId", sessionId)
                .body(jpeg)
                .post(FRAMES)
                .statusCode();
    }

    /** The camera row as stored (null once deleted), and how many cameras the tenant has. */
    private String snapshot(Fixture fixture) {
        var row = postgres.preparedQuery("SELECT (SELECT row_to_json(c)::text FROM cameras c WHERE id = $1),"
                        + " (SELECT count(*) FROM cameras WHERE tenant_id = $2)")
                .executeAndAwait(Tuple.of(UUID.fromString(fixture.cameraId()), tenant))
                .iterator()
                .next();
        return row.getString(0) + " / " + row.getLong(1);
    }

    /** 200 lists only the caller's own tenant: never the fixture's camera for another tenant. */
    private int listed(String token, Fixture fixture) {
        var response = as(token).get(CAMERAS);
        if (response.statusCode() == 200 && tokens.get(Principal.OTHER_TENANT).equals(token)) {
            assertThat(response.jsonPath().getList("id")).doesNotContain(fixture.cameraId());
        }
        return response.statusCode();
    }

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    private static RequestSpecification json(String token, Map<String, ?> body) {
        return as(token).contentType(ContentType.JSON).body(body);
    }

    /**
     * The webcam WebSocket's upgrade: 101 when accepted (then one frame must get the expected reply), else the
     * refusal's status.
     */
    private int upgrade(String sessionId, String token, String reply) throws Exception {
        if (token == null) {
            return WebcamClient.upgradeStatus(baseUri, sessionId, null);
        }
        int status = WebcamClient.upgradeStatus(baseUri, sessionId, token);
        if (status != 101) {
            return status;
        }
        try (var client = WebcamClient.connect(baseUri, sessionId, token)) {
            assertThat(client.send(jpeg)).contains(reply);
        }
        return 101;
    }
}
