package io.classroom.vision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.testing.TestTokens;
import io.classroom.vision.client.TestClassrooms;
import io.classroom.vision.pipeline.TestAssets;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every operation of this service's OpenAPI, and the face-detection WebSocket, called as every kind of principal; each
 * cell's status is asserted, every refusal is a problem+json body, a refused write leaves the store unchanged, and the
 * identities an answer carries are asserted where an operation may carry them.
 *
 * <p>The object is student S of tenant A: their enrolled faces, their webcam's calibration, and the running session X
 * of teacher T (roster: S; camera: camX). classroom-service does not run here: {@link TestClassrooms} answers that S is
 * on one of T's rosters (the real client's HTTP call is covered by the end-to-end security check, deploy/local/stack
 * test). The other-tenant principal is a teacher of tenant B; an admin of tenant B has its own test below.
 */
@QuarkusTest
class AuthorizationMatrixIT {

    /** The principals, in the column order of {@link #statuses}. */
    enum Who {
        ANONYMOUS,
        STUDENT_OWNER,
        STUDENT_OTHER,
        TEACHER_OWNER,
        TEACHER_OTHER,
        ADMIN,
        OTHER_TENANT
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OBAMA = TestAssets.read(TestAssets.faces().resolve("obama/enrol/obama.jpg"));
    private static final byte[] OBAMA_PROBE = TestAssets.read(TestAssets.faces().resolve("obama/probe/obama1.jpg"));
    private static final byte[] BIDEN = TestAssets.read(TestAssets.faces().resolve("biden/enrol/biden.jpg"));
    private static final byte[] GROUP = TestAssets.read(TestAssets.faces().resolve("group/obama_and_biden.jpg"));
    private static final String WS = "WS /ws/face-detection/{clientId}";

    /** What one cell answered; for the WebSocket 101 once upgraded, with the reply to one frame as the body. */
    record Answer(int status, String contentType, String body) {}

    /** One operation as one principal ({@code token} null: anonymous). */
    interface Call {
        Answer send(String token) throws Exception;
    }

    /**
     * One row: the OpenAPI operation it calls, a variant name, the call, the expected status per principal, who gets
     * S's identity in a successful answer (null: the operation carries none), what must be true before each cell, and
     * the stored state a refusal must leave unchanged.
     */
    record Row(
            String operation,
            String variant,
            Call call,
            int[] expected,
            Set<Who> seeIdentity,
            Runnable before,
            Supplier<Object> state) {}

    /** The fixture: tenants, principals and the objects of tenant A (built once, shared by the tests). */
    record Fixture(
            String tenant,
            String otherTenant,
            UUID student,
            UUID unrostered,
            UUID teacher,
            UUID session,
            String camera,
            Map<Who, String> tokens) {}

    private static Fixture fixture;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @TestHTTPResource("/ws/face-detection/matrix")
    URI webSocket;

    @Inject
    Vertx vertx;

    @Inject
    Pool postgres;

    private static int[] statuses(int... perPrincipal) {
        assertThat(perPrincipal).hasSize(Who.values().length);
        return perPrincipal;
    }

    @Test
    void everyOperationAsEveryPrincipal() throws Exception {
        var f = fixture();
        var failures = new ArrayList<String>();
        for (var row : rows(f)) {
            for (var who : Who.values()) {
                row.before().run();
                var before = row.state().get();
                var answer = row.call().send(f.tokens().get(who));
                var cell = row.operation() + " (" + row.variant() + ") as " + who;
                int expected = row.expected()[who.ordinal()];
                if (answer.status() != expected) {
                    failures.add(cell + ": " + answer.status() + " instead of " + expected + " " + answer.body());
                    continue;
                }
                if (answer.status() >= 400) {
                    if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
                        failures.add(cell + ": refusal without a problem body (" + answer.contentType() + ")");
                    }
                    var after = row.state().get();
                    if (!before.equals(after)) {
                        failures.add(cell + ": refused, yet the store changed from " + before + " to " + after);
                    }
                } else if (row.seeIdentity() != null) {
                    var identity = identityOfFirstFace(answer.body());
                    var expectedIdentity =
                            row.seeIdentity().contains(who) ? f.student().toString() : null;
                    if (!java.util.Objects.equals(identity, expectedIdentity)) {
                        failures.add(cell + ": identity " + identity + " instead of " + expectedIdentity);
                    }
                }
            }
        }
        assertThat(failures).as("cells that differ from the matrix").isEmpty();
    }

    @Test
    void theMatrixCoversEveryOperationOfTheOpenApi() throws Exception {
        var paths =
                JSON.readTree(given().get("/q/openapi?format=json").asString()).get("paths");
        var operations = new TreeSet<String>();
        paths.fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(operations).isNotEmpty();
        var covered = new HashSet<String>();
        rows(fixture()).forEach(row -> covered.add(row.operation()));
        assertThat(covered).containsAll(operations).contains(WS);
    }

    @Test
    void aSessionsTeacherIdentifiesOnlyTheRoster() {
        var f = fixture();
        ensureFace(f);
        // N (Biden) is enrolled in tenant A but not on session X's roster: never named to the session's teacher.
        var asTeacher = given().auth()
                .oauth2(f.tokens().get(Who.TEACHER_OWNER))
                .contentType("image/jpeg")
                .queryParam("sessionId", f.session())
                .body(GROUP)
                .post("/api/vision/identify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<String>getList("faces.identity.userId");
        assertThat(asTeacher)
                .contains(f.student().toString())
                .doesNotContain(f.unrostered().toString());
        var asAdmin = given().auth()
                .oauth2(f.tokens().get(Who.ADMIN))
                .contentType("image/jpeg")
                .body(GROUP)
                .post("/api/vision/identify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<String>getList("faces.identity.userId");
        assertThat(asAdmin).contains(f.student().toString(), f.unrostered().toString());
    }

    @Test
    void anUnreachableClassroomRefusesWith503AndChangesNothing() {
        var f = fixture();
        var student = UUID.randomUUID();
        TestClassrooms.teaches(f.teacher(), student);
        TestClassrooms.unreachableFor(student);
        var teacher = f.tokens().get(Who.TEACHER_OWNER);
        for (var call : List.<Supplier<Response>>of(
                () -> given().auth()
                        .oauth2(teacher)
                        .multiPart("photo", "obama.jpg", OBAMA, "image/jpeg")
                        .post("/api/vision/gallery/{userId}/faces", student),
                () -> given().auth().oauth2(teacher).get("/api/vision/gallery/{userId}/faces", student),
                () -> given().auth().oauth2(teacher).delete("/api/vision/gallery/{userId}/faces", student),
                () -> given().auth()
                        .oauth2(teacher)
                        .delete("/api/vision/gallery/{userId}/faces/{faceId}", student, UUID.randomUUID()))) {
            call.get()
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:classroom:problem:classroom-unavailable"));
        }
        assertThat(faces(f.tenant(), student)).isEmpty();
    }

    @Test
    void studentsManageTheirOwnFacesOnlyWhereTheSchoolAllowsIt() {
        // %test.vision.gallery.student-self-enrolment-tenants lists this tenant; tenant A (the matrix) does not.
        var tenant = "self-enrolment-school";
        var student = UUID.randomUUID();
        var self = TestTokens.token(tenant, student, "STUDENT");
        var classmate = TestTokens.token(tenant, UUID.randomUUID(), "STUDENT");
        var enrolled = given().auth()
                .oauth2(self)
                .multiPart("photo", "obama.jpg", OBAMA, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", student)
                .then()
                .statusCode(201)
                .extract()
                .<String>path("faces[0].faceId");
        given().auth()
                .oauth2(self)
                .get("/api/vision/gallery/{userId}/faces", student)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(classmate)
                .multiPart("photo", "biden.jpg", BIDEN, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", student)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(classmate)
                .get("/api/vision/gallery/{userId}/faces", student)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(classmate)
                .delete("/api/vision/gallery/{userId}/faces/{faceId}", student, enrolled)
                .then()
                .statusCode(404);
        assertThat(faces(tenant, student)).containsExactly(enrolled);
        given().auth()
                .oauth2(self)
                .delete("/api/vision/gallery/{userId}/faces/{faceId}", student, enrolled)
                .then()
                .statusCode(204);
        assertThat(faces(tenant, student)).isEmpty();
    }

    @Test
    void anotherTenantsAdminNeverReachesThisTenant() throws Exception {
        var f = fixture();
        var admin = TestTokens.token(f.otherTenant(), UUID.randomUUID(), "ADMIN");
        var facesOfS = ensureFace(f);
        var calibration = ensureCalibration(f, f.camera(), 30);

        given().auth()
                .oauth2(admin)
                .get("/api/vision/gallery/{userId}/faces", f.student())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/gallery/{userId}/faces/{faceId}", f.student(), facesOfS)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/gallery/{userId}/faces", f.student())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .contentType("image/jpeg")
                .body(OBAMA_PROBE)
                .post("/api/vision/identify")
                .then()
                .statusCode(200)
                .body("faces[0].identity", org.hamcrest.Matchers.nullValue());
        given().auth()
                .oauth2(admin)
                .contentType("image/jpeg")
                .queryParam("sessionId", f.session())
                .body(OBAMA_PROBE)
                .post("/api/vision/identify")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(verifyBody(f.session(), f.student()))
                .post("/api/vision/verify")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .get("/api/vision/calibrations/{sourceId}", f.camera())
                .then()
                .statusCode(200)
                .body("boardYawDeg", org.hamcrest.Matchers.equalTo(0.0f));
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/calibrations/{sourceId}", f.camera())
                .then()
                .statusCode(404);
        assertThat(identityOfFirstFace(frame(admin, f.session()).body())).isNull();

        // An admin manages their own tenant's gallery and calibrations: a write under A's ids lands in B, never in A.
        given().auth()
                .oauth2(admin)
                .multiPart("photo", "biden.jpg", BIDEN, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", f.student())
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(calibrationBody(5))
                .put("/api/vision/calibrations/{sourceId}", f.camera())
                .then()
                .statusCode(200);
        assertThat(faces(f.tenant(), f.student())).containsExactly(facesOfS);
        assertThat(storedCalibration(f.tenant(), f.camera())).isEqualTo(calibration);
        given().auth()
                .oauth2(f.tokens().get(Who.ADMIN))
                .contentType("image/jpeg")
                .body(BIDEN)
                .post("/api/vision/identify")
                .then()
                .statusCode(200)
                .body(
                        "faces[0].identity.userId",
                        org.hamcrest.Matchers.equalTo(f.unrostered().toString()));
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/gallery/{userId}/faces", f.student())
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin)
                .delete("/api/vision/calibrations/{sourceId}", f.camera())
                .then()
                .statusCode(204);
    }

    private List<Row> rows(Fixture f) {
        var s = f.student();
        var webcam = "webcam:" + s;
        var targetFace = new AtomicReference<String>();
        Runnable nothing = () -> {};
        Supplier<Object> galleryOfS = () -> faces(f.tenant(), s);
        Supplier<Object> calibrations =
                () -> List.of(storedCalibration(f.tenant(), f.camera()), storedCalibration(f.tenant(), webcam));
        Supplier<Object> none = List::of;
        var teacherAndAdmin = Set.of(Who.TEACHER_OWNER, Who.ADMIN);
        var adminOnly = Set.of(Who.ADMIN);
        return List.of(
                new Row(
                        "POST /api/vision/analyze",
                        "no session: identities for admins",
                        token -> rest(as(token).contentType("image/jpeg").body(OBAMA_PROBE))
                                .post("/api/vision/analyze"),
                        statuses(401, 200, 200, 200, 200, 200, 200),
                        adminOnly,
                        () -> ensureFace(f),
                        none),
                new Row(
                        "POST /api/vision/analyze",
                        "session X: identities for its teacher and admins",
                        token -> rest(as(token)
                                        .contentType("image/jpeg")
                                        .queryParam("sessionId", f.session())
                                        .body(OBAMA_PROBE))
                                .post("/api/vision/analyze"),
                        statuses(401, 200, 200, 200, 200, 200, 200),
                        teacherAndAdmin,
                        () -> ensureFace(f),
                        none),
                new Row(
                        "POST /api/vision/analyze",
                        "camera camX's calibration",
                        token -> rest(as(token)
                                        .contentType("image/jpeg")
                                        .queryParam("sourceId", f.camera())
                                        .body(OBAMA_PROBE))
                                .post("/api/vision/analyze"),
                        statuses(401, 404, 404, 200, 200, 200, 200),
                        null,
                        nothing,
                        none),
                new Row(
                        "POST /api/vision/analyze",
                        "S's webcam calibration",
                        token -> rest(as(token)
                                        .contentType("image/jpeg")
                                        .queryParam("sourceId", webcam)
                                        .body(OBAMA_PROBE))
                                .post("/api/vision/analyze"),
                        statuses(401, 200, 404, 200, 200, 200, 200),
                        null,
                        nothing,
                        none),
                new Row(
                        "POST /api/vision/identify",
                        "no session: admins only",
                        token -> rest(as(token).contentType("image/jpeg").body(OBAMA_PROBE))
                                .post("/api/vision/identify"),
                        statuses(401, 403, 403, 403, 403, 200, 403),
                        adminOnly,
                        () -> ensureFace(f),
                        none),
                new Row(
                        "POST /api/vision/identify",
                        "session X: its teacher and admins",
                        token -> rest(as(token)
                                        .contentType("image/jpeg")
                                        .queryParam("sessionId", f.session())
                                        .body(OBAMA_PROBE))
                                .post("/api/vision/identify"),
                        statuses(401, 403, 403, 200, 404, 200, 404),
                        teacherAndAdmin,
                        () -> ensureFace(f),
                        none),
                new Row(
                        "POST /api/vision/verify",
                        "session X, claimed user S on its roster",
                        token -> rest(as(token).contentType("application/json").body(verifyBody(f.session(), s)))
                                .post("/api/vision/verify"),
                        statuses(401, 403, 403, 200, 404, 200, 404),
                        null,
                        nothing,
                        none),
                new Row(
                        "POST /api/vision/verify",
                        "session X, claimed user not on its roster",
                        token -> rest(as(token)
                                        .contentType("application/json")
                                        .body(verifyBody(f.session(), f.unrostered())))
                                .post("/api/vision/verify"),
                        statuses(401, 403, 403, 403, 404, 200, 404),
                        null,
                        nothing,
                        none),
                new Row(
                        "POST /api/vision/verify",
                        "no session: admins only",
                        token -> rest(as(token).contentType("application/json").body(verifyBody(null, null)))
                                .post("/api/vision/verify"),
                        statuses(401, 403, 403, 403, 403, 200, 403),
                        null,
                        nothing,
                        none),
                new Row(
                        "POST /api/vision/gallery/{userId}/faces",
                        "enrol S, JSON",
                        token -> rest(as(token)
                                        .contentType("application/json")
                                        .body(Map.of(
                                                "images",
                                                List.of(Base64.getEncoder().encodeToString(OBAMA)))))
                                .post("/api/vision/gallery/{userId}/faces", s),
                        statuses(401, 403, 404, 201, 404, 201, 404),
                        null,
                        nothing,
                        galleryOfS),
                new Row(
                        "POST /api/vision/gallery/{userId}/faces",
                        "enrol S, multipart",
                        token -> rest(as(token).multiPart("photo", "obama.jpg", OBAMA, "image/jpeg"))
                                .post("/api/vision/gallery/{userId}/faces", s),
                        statuses(401, 403, 404, 201, 404, 201, 404),
                        null,
                        nothing,
                        galleryOfS),
                new Row(
                        "GET /api/vision/gallery/{userId}/faces",
                        "S's faces",
                        token -> rest(as(token)).get("/api/vision/gallery/{userId}/faces", s),
                        statuses(401, 200, 404, 200, 404, 200, 404),
                        null,
                        () -> ensureFace(f),
                        galleryOfS),
                new Row(
                        "DELETE /api/vision/gallery/{userId}/faces/{faceId}",
                        "one of S's faces",
                        token -> rest(as(token))
                                .delete("/api/vision/gallery/{userId}/faces/{faceId}", s, targetFace.get()),
                        statuses(401, 204, 404, 204, 404, 204, 404),
                        null,
                        () -> targetFace.set(ensureFace(f)),
                        galleryOfS),
                new Row(
                        "DELETE /api/vision/gallery/{userId}/faces",
                        "all of S's faces",
                        token -> rest(as(token)).delete("/api/vision/gallery/{userId}/faces", s),
                        statuses(401, 204, 404, 204, 404, 204, 404),
                        null,
                        () -> ensureFace(f),
                        galleryOfS),
                new Row(
                        "GET /api/vision/calibrations/{sourceId}",
                        "camera camX of session X (another tenant's staff read their own default)",
                        token -> rest(as(token)).get("/api/vision/calibrations/{sourceId}", f.camera()),
                        statuses(401, 404, 404, 200, 200, 200, 200),
                        null,
                        () -> ensureCalibration(f, f.camera(), 30),
                        calibrations),
                new Row(
                        "PUT /api/vision/calibrations/{sourceId}",
                        "camera camX of session X",
                        token -> rest(as(token).contentType("application/json").body(calibrationBody(12)))
                                .put("/api/vision/calibrations/{sourceId}", f.camera()),
                        statuses(401, 404, 404, 200, 403, 200, 404),
                        null,
                        () -> ensureCalibration(f, f.camera(), 30),
                        calibrations),
                new Row(
                        "DELETE /api/vision/calibrations/{sourceId}",
                        "camera camX of session X",
                        token -> rest(as(token)).delete("/api/vision/calibrations/{sourceId}", f.camera()),
                        statuses(401, 404, 404, 204, 403, 204, 404),
                        null,
                        () -> ensureCalibration(f, f.camera(), 30),
                        calibrations),
                new Row(
                        "GET /api/vision/calibrations/{sourceId}",
                        "S's webcam",
                        token -> rest(as(token)).get("/api/vision/calibrations/{sourceId}", webcam),
                        statuses(401, 200, 404, 200, 200, 200, 200),
                        null,
                        () -> ensureCalibration(f, webcam, 20),
                        calibrations),
                new Row(
                        "PUT /api/vision/calibrations/{sourceId}",
                        "S's webcam",
                        token -> rest(as(token).contentType("application/json").body(calibrationBody(8)))
                                .put("/api/vision/calibrations/{sourceId}", webcam),
                        statuses(401, 200, 404, 403, 403, 200, 404),
                        null,
                        () -> ensureCalibration(f, webcam, 20),
                        calibrations),
                new Row(
                        "DELETE /api/vision/calibrations/{sourceId}",
                        "S's webcam",
                        token -> rest(as(token)).delete("/api/vision/calibrations/{sourceId}", webcam),
                        statuses(401, 204, 404, 403, 403, 204, 404),
                        null,
                        () -> ensureCalibration(f, webcam, 20),
                        calibrations),
                new Row(
                        WS,
                        "frame naming session X: identities for its teacher and admins",
                        token -> frame(token, f.session()),
                        statuses(401, 101, 101, 101, 101, 101, 101),
                        teacherAndAdmin,
                        () -> ensureFace(f),
                        none),
                new Row(
                        WS,
                        "frame without a session: identities for admins",
                        token -> frame(token, null),
                        statuses(401, 101, 101, 101, 101, 101, 101),
                        adminOnly,
                        () -> ensureFace(f),
                        none));
    }

    /** The tenants, principals and objects, created once: S and N enrolled, session X running, calibrations stored. */
    private synchronized Fixture fixture() {
        if (fixture != null) {
            return fixture;
        }
        var tenant = TestTokens.newTenant();
        var otherTenant = TestTokens.newTenant();
        var student = UUID.randomUUID();
        var unrostered = UUID.randomUUID();
        var teacher = UUID.randomUUID();
        var tokens = new EnumMap<Who, String>(Who.class);
        tokens.put(Who.STUDENT_OWNER, TestTokens.token(tenant, student, "STUDENT"));
        tokens.put(Who.STUDENT_OTHER, TestTokens.token(tenant, UUID.randomUUID(), "STUDENT"));
        tokens.put(Who.TEACHER_OWNER, TestTokens.token(tenant, teacher, "TEACHER"));
        tokens.put(Who.TEACHER_OTHER, TestTokens.token(tenant, UUID.randomUUID(), "TEACHER"));
        tokens.put(Who.ADMIN, TestTokens.token(tenant, UUID.randomUUID(), "ADMIN"));
        tokens.put(Who.OTHER_TENANT, TestTokens.token(otherTenant, UUID.randomUUID(), "TEACHER"));
        // S is on a roster of T's (classroom-service's answer); N is in the school but on none of T's rosters.
        TestClassrooms.teaches(teacher, student);
        var f = new Fixture(
                tenant,
                otherTenant,
                student,
                unrostered,
                teacher,
                UUID.randomUUID(),
                "cam-" + UUID.randomUUID(),
                tokens);
        enrol(f, student, OBAMA);
        enrol(f, unrostered, BIDEN);
        startSession(f);
        fixture = f;
        return f;
    }

    private void startSession(Fixture f) {
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var event = JSON.createObjectNode()
                    .put("eventId", UUID.randomUUID().toString())
                    .put("type", "ClassSessionStarted")
                    .put("occurredAt", Instant.now().toString())
                    .put("tenantId", f.tenant())
                    .put("sessionId", f.session().toString())
                    .put("classId", UUID.randomUUID().toString())
                    .put("teacherId", f.teacher().toString());
            event.putArray("roster").add(f.student().toString());
            event.putArray("cameraIds").add(f.camera());
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(
                            "classroom.sessions.v1", f.session().toString(), event.toString()))
                    .awaitCompletion(Duration.ofSeconds(60));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(f.tokens().get(Who.TEACHER_OWNER))
                        .contentType("image/jpeg")
                        .queryParam("sessionId", f.session())
                        .body(OBAMA_PROBE)
                        .post("/api/vision/identify")
                        .then()
                        .statusCode(200));
    }

    private static void enrol(Fixture f, UUID user, byte[] photo) {
        given().auth()
                .oauth2(f.tokens().get(Who.ADMIN))
                .multiPart("photo", "face.jpg", photo, "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", user)
                .then()
                .statusCode(201);
    }

    /** Gives S a face when the previous cell deleted them all; returns the id of S's first face. */
    private String ensureFace(Fixture f) {
        if (faces(f.tenant(), f.student()).isEmpty()) {
            enrol(f, f.student(), OBAMA);
        }
        return faces(f.tenant(), f.student()).get(0);
    }

    /** Stores the source's calibration (board yaw {@code yaw}) when the previous cell removed it; returns it. */
    private List<Double> ensureCalibration(Fixture f, String source, int yaw) {
        var stored = storedCalibration(f.tenant(), source);
        if (!stored.isEmpty()) {
            return stored;
        }
        given().auth()
                .oauth2(f.tokens().get(Who.ADMIN))
                .contentType("application/json")
                .body(calibrationBody(yaw))
                .put("/api/vision/calibrations/{sourceId}", source)
                .then()
                .statusCode(200);
        return storedCalibration(f.tenant(), source);
    }

    /** The ids of a user's stored faces, in creation order. */
    private List<String> faces(String tenant, UUID user) {
        var ids = new ArrayList<String>();
        postgres.preparedQuery(
                        "SELECT face_id FROM gallery_face WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at, face_id")
                .executeAndAwait(Tuple.of(tenant, user))
                .forEach(row -> ids.add(row.getUUID(0).toString()));
        return ids;
    }

    /** A source's stored board yaw and pitch and tolerances, empty when none is stored. */
    private List<Double> storedCalibration(String tenant, String source) {
        var values = new ArrayList<Double>();
        postgres.preparedQuery("SELECT board_yaw_deg, board_pitch_deg, yaw_tolerance_deg, pitch_tolerance_deg"
                        + " FROM source_calibration WHERE tenant_id = $1 AND source_id = $2")
                .executeAndAwait(Tuple.of(tenant, source))
                .forEach(row -> {
                    for (int i = 0; i < 4; i++) {
                        values.add(row.getDouble(i));
                    }
                });
        return values;
    }

    private static Map<String, Object> calibrationBody(int yaw) {
        return Map.of("boardYawDeg", yaw, "boardPitchDeg", 0, "yawToleranceDeg", 25, "pitchToleranceDeg", 20);
    }

    private static Map<String, Object> verifyBody(UUID session, UUID user) {
        var body = new java.util.HashMap<String, Object>();
        body.put("imageA", Base64.getEncoder().encodeToString(OBAMA));
        body.put("imageB", Base64.getEncoder().encodeToString(OBAMA_PROBE));
        if (session != null) {
            body.put("sessionId", session.toString());
        }
        if (user != null) {
            body.put("userId", user.toString());
        }
        return body;
    }

    private static RequestSpecification as(String token) {
        var spec = given();
        return token == null ? spec : spec.auth().oauth2(token);
    }

    /** Sends a prepared request through {@link Sender}, keeping status, content type and body. */
    private static Sender rest(RequestSpecification spec) {
        return new Sender(spec);
    }

    /** The HTTP methods a row uses, each giving an {@link Answer}. */
    private record Sender(RequestSpecification spec) {
        Answer post(String path, Object... params) {
            return answer(spec.post(path, params));
        }

        Answer get(String path, Object... params) {
            return answer(spec.get(path, params));
        }

        Answer put(String path, Object... params) {
            return answer(spec.put(path, params));
        }

        Answer delete(String path, Object... params) {
            return answer(spec.delete(path, params));
        }

        private static Answer answer(Response response) {
            return new Answer(response.statusCode(), response.contentType(), response.asString());
        }
    }

    /** Connects (token in the Authorization header of the upgrade), sends one frame of S's face, waits for the reply. */
    private Answer frame(String token, UUID session) throws Exception {
        var options = new WebSocketConnectOptions()
                .setHost(webSocket.getHost())
                .setPort(webSocket.getPort())
                .setURI(webSocket.getPath());
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        io.vertx.core.http.WebSocket socket;
        try {
            socket = vertx.createWebSocketClient()
                    .connect(options)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return new Answer(
                        rejected.getStatus(),
                        rejected.getHeaders() == null
                                ? null
                                : rejected.getHeaders().get("Content-Type"),
                        rejected.getBody() == null ? "" : rejected.getBody().toString());
            }
            throw e;
        }
        var replies = new LinkedBlockingQueue<String>();
        socket.textMessageHandler(replies::add);
        var message = new JsonObject()
                .put("type", "frame")
                .put("image", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(OBAMA_PROBE))
                .put("timestamp", 1);
        if (session != null) {
            message.put("sessionId", session.toString());
        }
        socket.writeTextMessage(message.encode());
        var reply = replies.poll(60, TimeUnit.SECONDS);
        socket.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return new Answer(101, "application/json", reply);
    }

    /** The user id of the first face's identity in an analysis or detection result, null when it has none. */
    private static String identityOfFirstFace(String body) {
        try {
            JsonNode faces = JSON.readTree(body).path("faces");
            assertThat(faces.size()).as("faces in %s", body).isPositive();
            var userId = faces.get(0).path("identity").path("userId");
            return userId.isMissingNode() || userId.isNull() ? null : userId.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
