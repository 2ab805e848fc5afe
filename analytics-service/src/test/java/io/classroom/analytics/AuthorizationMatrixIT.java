package io.classroom.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.analytics.messaging.Samples;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every operation of the OpenAPI (each report and image format included), called as every kind of principal, with
 * the expected status of each cell (one row per operation). Refusals are problem+json and change nothing.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    /** Who calls; the columns of the matrix, in this order. */
    enum Principal {
        ANONYMOUS,
        STUDENT_OWNER,
        STUDENT_OTHER,
        TEACHER_OWNER,
        TEACHER_OTHER,
        ADMIN,
        OTHER_TENANT
    }

    private static final Duration HANG = Duration.ofSeconds(60);
    private static final String RANGE = "from=2026-09-01&to=2026-09-30";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @ConfigProperty(name = "mp.messaging.incoming.vision-observations-in.topic")
    String observationsTopic;

    private final String tenant = TestTokens.newTenant();
    private final String ada = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String teacher = UUID.randomUUID().toString();
    private final String otherTeacher = UUID.randomUUID().toString();
    private final String admin = UUID.randomUUID().toString();
    private final String sessionId = UUID.randomUUID().toString();
    private final String classId = UUID.randomUUID().toString();
    private final String camera = "cam-" + UUID.randomUUID();

    private String tokenOf(Principal principal) {
        return switch (principal) {
            case ANONYMOUS -> null;
            case STUDENT_OWNER -> TestTokens.token(tenant, ada, "STUDENT");
            case STUDENT_OTHER -> TestTokens.token(tenant, bob, "STUDENT");
            case TEACHER_OWNER -> TestTokens.token(tenant, teacher, "TEACHER");
            case TEACHER_OTHER -> TestTokens.token(tenant, otherTeacher, "TEACHER");
            case ADMIN -> TestTokens.token(tenant, admin, "ADMIN");
            case OTHER_TENANT ->
                TestTokens.token(TestTokens.newTenant(), UUID.randomUUID().toString(), "ADMIN");
        };
    }

    private boolean seeded;

    /**
     * A class session taught by the owner teacher with Ada on its roster, its frames and attendance, and Ada's page
     * view; made once (one test instance for the class) before the first test, when RestAssured knows the test port.
     */
    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            send(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    Samples.event(
                            "classroom",
                            "classroom.sessions.v1",
                            "ClassSessionStarted.json",
                            Map.of(
                                    "tenantId",
                                    tenant,
                                    "sessionId",
                                    sessionId,
                                    "classId",
                                    classId,
                                    "teacherId",
                                    teacher,
                                    "roster",
                                    List.of(ada),
                                    "cameraIds",
                                    List.of(camera),
                                    "startedAt",
                                    "2026-09-01T08:00:00Z",
                                    "occurredAt",
                                    "2026-09-01T08:00:00Z")));
            send(
                    kafka,
                    observationsTopic,
                    camera,
                    Samples.event(
                            "vision",
                            "vision.observations.v1",
                            "FrameAnalyzed.json",
                            Map.of(
                                    "tenantId",
                                    tenant,
                                    "frameId",
                                    camera + ":" + UUID.randomUUID(),
                                    "sourceId",
                                    camera,
                                    "sessionId",
                                    sessionId,
                                    "capturedAt",
                                    "2026-09-01T08:10:00Z",
                                    "unknownFaces",
                                    0,
                                    "faces",
                                    List.of(Map.of(
                                            "box",
                                            Map.of("x", 0.1, "y", 0.1, "width", 0.1, "height", 0.2),
                                            "attentive",
                                            true,
                                            "detScore",
                                            0.9,
                                            "identity",
                                            Map.of("userId", ada, "similarity", 0.8))))));
            send(
                    kafka,
                    "tracking.attendance.v1",
                    sessionId,
                    Samples.event(
                            "tracking",
                            "tracking.attendance.v1",
                            "AttendanceFinalized.json",
                            Map.of(
                                    "tenantId", tenant,
                                    "sessionId", sessionId,
                                    "classId", classId,
                                    "userId", ada,
                                    "status", "PRESENT",
                                    "sessionStartedAt", "2026-09-01T08:00:00Z",
                                    "occurredAt", "2026-09-01T08:45:00Z")));
        }
        await().atMost(HANG)
                .untilAsserted(() -> given().auth()
                        .oauth2(tokenOf(Principal.ADMIN))
                        .get("/api/analytics/class-sessions/{id}/attendance", sessionId)
                        .then()
                        .statusCode(200)
                        .body("rows", hasSize(1))
                        .body("timeline.minutes", hasSize(1)));
        await().atMost(HANG)
                .untilAsserted(() -> given().auth()
                        .oauth2(tokenOf(Principal.ADMIN))
                        .get("/api/analytics/cameras/{id}/heatmap", camera)
                        .then()
                        .statusCode(200)
                        .body("faces", equalTo(1)));
        given().auth()
                .oauth2(tokenOf(Principal.STUDENT_OWNER))
                .contentType(ContentType.JSON)
                .body(Map.of("page", "/home", "timeSpentSeconds", 5))
                .post("/api/analytics/pages/views")
                .then()
                .statusCode(201);
    }

    private static void send(KafkaCompanion kafka, String topic, String key, String json) {
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(topic, key, json))
                .awaitCompletion(HANG);
    }

    /**
     * One operation: method, OpenAPI path, the path and query called, a body, and the expected status per principal
     * in {@link Principal} order. {@code state} reads what the operation could change, so a refusal can be shown to
     * change nothing.
     */
    record Row(String method, String template, String path, String body, Supplier<Object> state, int... expected) {}

    private List<Row> rows() {
        String session = "/api/analytics/class-sessions/" + sessionId;
        String klass = "/api/analytics/classes/" + classId + "/attendance?" + RANGE;
        String cameraPath = "/api/analytics/cameras/" + camera + "/heatmap";
        String heatmap = "/api/analytics/sessions/heatmap?" + RANGE;
        Supplier<Object> none = () -> null;
        Supplier<Object> views = () -> given().auth()
                .oauth2(tokenOf(Principal.ADMIN))
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .extract()
                .path("windows[3].views");
        List<Row> rows = new ArrayList<>();
        // columns: ANONYMOUS, STUDENT_OWNER, STUDENT_OTHER, TEACHER_OWNER, TEACHER_OTHER, ADMIN, OTHER_TENANT
        rows.add(new Row(
                "POST",
                "/api/analytics/pages/views",
                "/api/analytics/pages/views",
                "{\"page\":\"/grades\",\"timeSpentSeconds\":3}",
                views,
                401,
                201,
                201,
                201,
                201,
                201,
                201));
        // own statistics by default (tenant-wide ones are the admin's); someone else's: see the second row
        rows.add(new Row(
                "GET",
                "/api/analytics/pages/stats",
                "/api/analytics/pages/stats",
                null,
                none,
                401,
                200,
                200,
                200,
                200,
                200,
                200));
        rows.add(new Row(
                "GET",
                "/api/analytics/pages/stats",
                "/api/analytics/pages/stats?userId=" + ada,
                null,
                none,
                401,
                200,
                403,
                200,
                403,
                200,
                404));
        // page views of another application, statistics of one application and range
        rows.add(new Row(
                "POST",
                "/api/analytics/pages/views",
                "/api/analytics/pages/views",
                "{\"page\":\"/focus\",\"timeSpentSeconds\":3,\"app\":\"focus-mobile\"}",
                views,
                401,
                201,
                201,
                201,
                201,
                201,
                201));
        rows.add(new Row(
                "GET",
                "/api/analytics/pages/stats",
                "/api/analytics/pages/stats?app=focus-mobile",
                null,
                none,
                401,
                200,
                200,
                200,
                200,
                200,
                200));
        rows.add(new Row(
                "GET",
                "/api/analytics/pages/stats",
                "/api/analytics/pages/stats?app=classroom-web&" + RANGE + "&userId=" + ada,
                null,
                none,
                401,
                200,
                403,
                200,
                403,
                200,
                404));
        rows.add(new Row(
                "GET", "/api/analytics/sessions/heatmap", heatmap, null, none, 401, 200, 200, 200, 200, 200, 200));
        // without from/to: the last 30 days
        rows.add(new Row(
                "GET",
                "/api/analytics/sessions/heatmap",
                "/api/analytics/sessions/heatmap",
                null,
                none,
                401,
                200,
                200,
                200,
                200,
                200,
                200));
        rows.add(new Row(
                "GET",
                "/api/analytics/sessions/heatmap",
                "/api/analytics/sessions/heatmap?app=focus-mobile&userId=" + ada,
                null,
                none,
                401,
                200,
                403,
                200,
                403,
                200,
                404));
        for (String format : List.of("json", "png", "svg")) {
            rows.add(new Row(
                    "GET",
                    "/api/analytics/sessions/heatmap",
                    heatmap + "&userId=" + ada + "&format=" + format,
                    null,
                    none,
                    401,
                    200,
                    403,
                    200,
                    403,
                    200,
                    404));
            rows.add(new Row(
                    "GET",
                    "/api/analytics/class-sessions/{sessionId}/timeline",
                    session + "/timeline?format=" + format,
                    null,
                    none,
                    401,
                    403,
                    403,
                    200,
                    403,
                    200,
                    404));
            rows.add(new Row(
                    "GET",
                    "/api/analytics/cameras/{cameraId}/heatmap",
                    cameraPath + "?sessionId=" + sessionId + "&format=" + format,
                    null,
                    none,
                    401,
                    403,
                    403,
                    200,
                    403,
                    200,
                    404));
            // the camera over every session of the tenant: admins only
            rows.add(new Row(
                    "GET",
                    "/api/analytics/cameras/{cameraId}/heatmap",
                    cameraPath + "?format=" + format,
                    null,
                    none,
                    401,
                    403,
                    403,
                    403,
                    403,
                    200,
                    404));
        }
        for (String format : List.of("json", "csv", "pdf")) {
            rows.add(new Row(
                    "GET",
                    "/api/analytics/class-sessions/{sessionId}/attendance",
                    session + "/attendance?format=" + format,
                    null,
                    none,
                    401,
                    200,
                    403,
                    200,
                    403,
                    200,
                    404));
            rows.add(new Row(
                    "GET",
                    "/api/analytics/classes/{classId}/attendance",
                    klass + "&format=" + format,
                    null,
                    none,
                    401,
                    200,
                    403,
                    200,
                    403,
                    200,
                    404));
        }
        // without from/to: the last 30 days
        rows.add(new Row(
                "GET",
                "/api/analytics/classes/{classId}/attendance",
                "/api/analytics/classes/" + classId + "/attendance",
                null,
                none,
                401,
                200,
                403,
                200,
                403,
                200,
                404));
        return rows;
    }

    @Test
    void everyOperationAnswersEachPrincipalAsTheMatrixSays() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows()) {
            for (Principal principal : Principal.values()) {
                int expected = row.expected()[principal.ordinal()];
                Object before = row.state().get();
                Response response = call(row, principal);
                String cell = "%s %s as %s".formatted(row.method(), row.path(), principal);
                if (response.statusCode() != expected) {
                    failures.add("%s: %d, expected %d".formatted(cell, response.statusCode(), expected));
                    continue;
                }
                if (expected >= 400) {
                    assertThat(response.contentType()).as(cell).contains("application/problem+json");
                    assertThat(response.jsonPath().getInt("status")).as(cell).isEqualTo(expected);
                    assertThat(row.state().get()).as(cell + " changed nothing").isEqualTo(before);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private Response call(Row row, Principal principal) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        String jwt = tokenOf(principal);
        if (jwt != null) {
            request = request.auth().oauth2(jwt);
        }
        if (row.body() != null) {
            request = request.contentType(ContentType.JSON).body(row.body());
        }
        return request.request(row.method(), row.path());
    }

    @Test
    void theMatrixCoversEveryOperationOfTheOpenApi() throws Exception {
        var paths = new ObjectMapper()
                .readTree(given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("paths");
        Set<String> methods = Set.of("get", "put", "post", "delete", "patch", "head", "options");
        Set<String> documented = new TreeSet<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (methods.contains(method)) {
                        documented.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        Set<String> covered = new TreeSet<>();
        rows().forEach(row -> covered.add(row.method() + " " + row.template()));
        assertThat(covered).isEqualTo(documented);
    }

    @Test
    void eachSeesOnlyTheirOwnData() {
        given().auth()
                .oauth2(tokenOf(Principal.STUDENT_OTHER))
                .get("/api/analytics/pages/stats")
                .then()
                .body("userId", equalTo(bob))
                .body("windows[3].views", equalTo(0));
        given().auth()
                .oauth2(tokenOf(Principal.TEACHER_OTHER))
                .get("/api/analytics/pages/stats")
                .then()
                .body("userId", equalTo(otherTeacher));
        given().auth()
                .oauth2(tokenOf(Principal.STUDENT_OTHER))
                .get("/api/analytics/sessions/heatmap?" + RANGE)
                .then()
                .body("totals.sessions", equalTo(0));
        given().auth()
                .oauth2(tokenOf(Principal.OTHER_TENANT))
                .get("/api/analytics/sessions/heatmap?" + RANGE)
                .then()
                .body("totals.sessions", equalTo(0));
        given().auth()
                .oauth2(tokenOf(Principal.STUDENT_OWNER))
                .get("/api/analytics/class-sessions/{id}/attendance", sessionId)
                .then()
                .body("rows.userId", org.hamcrest.Matchers.contains(ada))
                .body("timeline", org.hamcrest.Matchers.nullValue());
    }
}
