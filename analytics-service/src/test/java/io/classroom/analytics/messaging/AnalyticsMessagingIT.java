package io.classroom.analytics.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.classroom.analytics.render.ImageAssertions;
import io.classroom.testing.TestTokens;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events produced on the real broker, their effect read back through the REST API. */
@QuarkusTest
class AnalyticsMessagingIT {

    /** Only limits a hang: every wait ends as soon as its condition holds. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    /** This run's own observations topic (see application.properties). */
    @ConfigProperty(name = "mp.messaging.incoming.vision-observations-in.topic")
    String observationsTopic;

    @Inject
    ReactiveMongoClient mongo;

    private KafkaCompanion kafka;
    private final String tenant = TestTokens.newTenant();
    private final String teacher = UUID.randomUUID().toString();
    private final String ada = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String classId = UUID.randomUUID().toString();
    private final String camera = "cam-" + UUID.randomUUID();

    @BeforeAll
    static void doublesAsDoubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(kafkaServers);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private void send(String topic, String key, String... jsons) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String json : jsons) {
            records.add(new ProducerRecord<>(topic, key, json));
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion(HANG);
    }

    private String heatmapSvg(String sessionId) {
        return given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .queryParam("sessionId", sessionId)
                .queryParam("format", "svg")
                .get("/api/analytics/cameras/{id}/heatmap", camera)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static void eventually(Runnable assertion) {
        await().atMost(HANG).pollInterval(Duration.ofMillis(300)).untilAsserted(assertion::run);
    }

    private String sessionStarted(String sessionId, String startedAt) {
        return Samples.event(
                "classroom",
                "classroom.sessions.v1",
                "ClassSessionStarted.json",
                Map.of(
                        "tenantId", tenant,
                        "sessionId", sessionId,
                        "classId", classId,
                        "teacherId", teacher,
                        "roster", List.of(ada, bob),
                        "cameraIds", List.of(camera),
                        "startedAt", startedAt,
                        "occurredAt", startedAt));
    }

    private String sessionEnded(String sessionId, String startedAt, String endedAt) {
        return Samples.event(
                "classroom",
                "classroom.sessions.v1",
                "ClassSessionEnded.json",
                Map.of(
                        "tenantId", tenant,
                        "sessionId", sessionId,
                        "classId", classId,
                        "startedAt", startedAt,
                        "endedAt", endedAt));
    }

    private String attendance(String file, String sessionId, String startedAt, String user, String status, String at) {
        return Samples.event(
                "tracking",
                "tracking.attendance.v1",
                file,
                Map.of(
                        "tenantId", tenant,
                        "sessionId", sessionId,
                        "classId", classId,
                        "userId", user,
                        "status", status,
                        "sessionStartedAt", startedAt,
                        "occurredAt", at));
    }

    /** A frame with one face per entry: {x, y, attentive(0/1), identified user or null}. */
    private String frame(String sessionId, String capturedAt, List<Object[]> faces) {
        List<Map<String, Object>> list = new ArrayList<>();
        int unknown = 0;
        for (Object[] face : faces) {
            var map = new java.util.HashMap<String, Object>();
            map.put("box", Map.of("x", face[0], "y", face[1], "width", 0.1, "height", 0.2));
            map.put("attentive", face[2]);
            map.put("identity", face[3] == null ? null : Map.of("userId", face[3], "similarity", 0.8));
            map.put("detScore", 0.9);
            list.add(map);
            unknown += face[3] == null ? 1 : 0;
        }
        return Samples.event(
                "vision",
                "vision.observations.v1",
                "FrameAnalyzed.json",
                Map.of(
                        "tenantId", tenant,
                        "frameId", camera + ":" + UUID.randomUUID(),
                        "sourceId", camera,
                        "sessionId", sessionId,
                        "capturedAt", capturedAt,
                        "unknownFaces", unknown,
                        "faces", list));
    }

    private String token(String user, String role) {
        return TestTokens.token(tenant, user, role);
    }

    @Test
    void classSessionAnalyticsEndToEnd() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        send(
                "auth.users.v1",
                ada,
                Samples.event(
                        "auth",
                        "auth.users.v1",
                        "UserRegistered.json",
                        Map.of("tenantId", tenant, "userId", ada, "displayName", "=Ada, \"the\" Countess")));
        send(
                "classroom.sessions.v1",
                classId,
                sessionStarted(first, "2026-09-01T08:00:00Z"),
                sessionEnded(first, "2026-09-01T08:00:00Z", "2026-09-01T08:45:00Z"),
                sessionStarted(second, "2026-09-08T08:00:00Z"),
                sessionEnded(second, "2026-09-08T08:00:00Z", "2026-09-08T08:45:00Z"));
        send(
                observationsTopic,
                camera,
                frame(
                        first,
                        "2026-09-01T08:10:00Z",
                        List.<Object[]>of(new Object[] {0.0, 0.0, true, ada}, new Object[] {0.8, 0.7, false, null})),
                frame(
                        first,
                        "2026-09-01T08:10:30Z",
                        List.<Object[]>of(new Object[] {0.0, 0.0, true, ada}, new Object[] {0.8, 0.7, false, null})),
                frame(first, "2026-09-01T08:11:00Z", List.<Object[]>of(new Object[] {0.0, 0.0, true, ada})));
        send(
                "tracking.attendance.v1",
                first,
                attendance(
                        "AttendanceFinalized.json",
                        first,
                        "2026-09-01T08:00:00Z",
                        ada,
                        "PRESENT",
                        "2026-09-01T08:45:01Z"),
                attendance(
                        "AttendanceFinalized-2.json",
                        first,
                        "2026-09-01T08:00:00Z",
                        bob,
                        "ABSENT",
                        "2026-09-01T08:45:01Z"),
                // Late and older than the final row: must not overwrite it.
                attendance(
                        "AttendanceUpdated.json",
                        first,
                        "2026-09-01T08:00:00Z",
                        ada,
                        "PENDING",
                        "2026-09-01T08:20:00Z"),
                attendance(
                        "AttendanceFinalized-2.json",
                        second,
                        "2026-09-08T08:00:00Z",
                        ada,
                        "ABSENT",
                        "2026-09-08T08:45:01Z"),
                attendance(
                        "AttendanceFinalized-2.json",
                        second,
                        "2026-09-08T08:00:00Z",
                        bob,
                        "ABSENT",
                        "2026-09-08T08:45:01Z"));
        send(
                "tracking.activity.v1",
                ada,
                Samples.event(
                        "tracking",
                        "tracking.activity.v1",
                        "PersonalSessionStarted.json",
                        Map.of(
                                "tenantId",
                                tenant,
                                "userId",
                                ada,
                                "sessionId",
                                "p-" + first,
                                "at",
                                "2026-09-05T14:00:00Z")),
                Samples.event(
                        "tracking",
                        "tracking.activity.v1",
                        "PersonalSessionEnded.json",
                        Map.of(
                                "tenantId",
                                tenant,
                                "userId",
                                ada,
                                "sessionId",
                                "p-" + first,
                                "startedAt",
                                "2026-09-05T14:00:00Z",
                                "at",
                                "2026-09-05T15:00:00Z")));

        String admin = TestTokens.token(tenant, UUID.randomUUID().toString(), "ADMIN");

        // Class report over the term: per student, per session, trend, at risk.
        eventually(() -> given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-30")
                .get("/api/analytics/classes/{id}/attendance", classId)
                .then()
                .statusCode(200)
                .body("perSession", hasSize(2))
                .body("perStudent", hasSize(2))
                .body("perStudent.find { it.userId == '%s' }.rate".formatted(ada), closeTo(0.5, 1e-9))
                .body(
                        "perStudent.find { it.userId == '%s' }.displayName".formatted(ada),
                        equalTo("=Ada, \"the\" Countess"))
                .body("perSession[0].rate", closeTo(0.5, 1e-9))
                .body("perSession[1].rate", closeTo(0.0, 1e-9))
                .body("trend.direction", equalTo("DECLINING"))
                .body("atRisk.userId", containsInAnyOrder(ada, bob)));

        // Engagement timeline per minute.
        eventually(() -> given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .get("/api/analytics/class-sessions/{id}/timeline", first)
                .then()
                .statusCode(200)
                .body("minutes", hasSize(2))
                .body("minutes[0].faces", equalTo(4))
                .body("minutes[0].attentive", equalTo(2))
                .body("minutes[0].attentiveShare", closeTo(0.5, 1e-9))
                .body("minutes[1].attentiveShare", closeTo(1.0, 1e-9))
                .body("unknownFaces.observations", equalTo(2))
                .body("unknownFaces.maxInOneFrame", equalTo(1)));
        byte[] png = given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .queryParam("format", "png")
                .get("/api/analytics/class-sessions/{id}/timeline", first)
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        ImageAssertions.assertRealPng(png, 0, 0);
        given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .accept("image/svg+xml")
                .get("/api/analytics/class-sessions/{id}/timeline", first)
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .body(startsWith("<svg"));

        // Attendance table: the final rows win over the late update.
        given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .get("/api/analytics/class-sessions/{id}/attendance", first)
                .then()
                .statusCode(200)
                .body("rows", hasSize(2))
                .body("rows.find { it.userId == '%s' }.status".formatted(ada), equalTo("PRESENT"))
                .body("summary.attended", equalTo(1))
                .body("summary.attendanceRate", closeTo(0.5, 1e-9))
                .body("timeline.minutes", hasSize(2));
        String csv = given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .queryParam("format", "csv")
                .get("/api/analytics/class-sessions/{id}/attendance", first)
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        assertThat(csv).startsWith("userId,name,status,").contains("\r\n");
        assertThat(csv).contains("\"'=Ada, \"\"the\"\" Countess\",PRESENT");
        byte[] pdf = given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .accept("application/pdf")
                .get("/api/analytics/class-sessions/{id}/attendance", first)
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        // The teacher's PDF: names, not ids (bob has no profile yet), local times in the class's zone.
        ImageAssertions.assertRealPdf(
                pdf, true, "Attendance: Physics 101", "(Europe/Paris)", "Present", "Absent", "(no name)", "10:00:02");
        assertThat(ImageAssertions.pdfText(pdf)).doesNotContain(bob);
        byte[] classPdf = given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-30")
                .queryParam("format", "pdf")
                .get("/api/analytics/classes/{id}/attendance", classId)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        ImageAssertions.assertRealPdf(classPdf, true, "Class attendance: Physics 101", "declining", "(no name)");
        assertThat(ImageAssertions.pdfText(classPdf)).doesNotContain(bob);
        String classCsv = given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-30")
                .queryParam("format", "csv")
                .get("/api/analytics/classes/{id}/attendance", classId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(classCsv).startsWith("userId,name,sessions,attended,late,attendanceRate,atRisk\r\n");
        assertThat(classCsv.split("\r\n")).hasSize(3);

        // Roles: a student sees their own row only; not the timeline; other teachers and tenants see nothing.
        given().auth()
                .oauth2(token(ada, "STUDENT"))
                .get("/api/analytics/class-sessions/{id}/attendance", first)
                .then()
                .statusCode(200)
                .body("rows", hasSize(1))
                .body("rows[0].userId", equalTo(ada))
                .body("timeline", nullValue());
        given().auth()
                .oauth2(token(ada, "STUDENT"))
                .get("/api/analytics/class-sessions/{id}/timeline", first)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(token(ada, "STUDENT"))
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-30")
                .get("/api/analytics/classes/{id}/attendance", classId)
                .then()
                .statusCode(200)
                .body("perStudent", hasSize(1))
                .body("perStudent[0].userId", equalTo(ada))
                .body("perSession", hasSize(0));
        given().auth()
                .oauth2(token(UUID.randomUUID().toString(), "STUDENT"))
                .get("/api/analytics/class-sessions/{id}/attendance", first)
                .then()
                .statusCode(403);
        String otherTeacher = token(UUID.randomUUID().toString(), "TEACHER");
        given().auth()
                .oauth2(otherTeacher)
                .get("/api/analytics/class-sessions/{id}/timeline", first)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(otherTeacher)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-30")
                .get("/api/analytics/classes/{id}/attendance", classId)
                .then()
                .statusCode(403);
        String otherTenant = TestTokens.token(TestTokens.newTenant(), teacher, "ADMIN");
        given().auth()
                .oauth2(otherTenant)
                .get("/api/analytics/class-sessions/{id}/attendance", first)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(otherTenant)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-30")
                .get("/api/analytics/classes/{id}/attendance", classId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(otherTenant)
                .get("/api/analytics/cameras/{id}/heatmap", camera)
                .then()
                .statusCode(404);

        // Camera grid: 5 faces, 3 top-left attentive, 2 bottom-right not.
        given().auth()
                .oauth2(admin)
                .get("/api/analytics/cameras/{id}/heatmap", camera)
                .then()
                .statusCode(200)
                .body("faces", equalTo(5))
                .body("cells", hasSize(2))
                .body("cells[0].column", equalTo(0))
                .body("cells[0].row", equalTo(0))
                .body("cells[0].attentiveShare", closeTo(1.0, 1e-9))
                .body("cells[1].faces", equalTo(2))
                .body("cells[1].attentiveShare", closeTo(0.0, 1e-9));
        byte[] grid = given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .queryParam("sessionId", first)
                .queryParam("format", "png")
                .get("/api/analytics/cameras/{id}/heatmap", camera)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        ImageAssertions.assertRealPng(grid, 0, 0);
        // Before camera-ingest announces the camera: titled with its id, drawn over nothing.
        assertThat(heatmapSvg(first)).contains("Camera " + camera).doesNotContain("<image");

        // Announced (name, room snapshot): the JSON names camera, room and class; the pictures carry them.
        send(
                "ingest.cameras.v1",
                camera,
                Samples.event(
                        "camera-ingest",
                        "ingest.cameras.v1",
                        "CameraSessionStarted.json",
                        Map.of("tenantId", tenant, "sessionId", first, "cameraId", camera)));
        eventually(() -> given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .queryParam("sessionId", first)
                .get("/api/analytics/cameras/{id}/heatmap", camera)
                .then()
                .statusCode(200)
                .body("cameraName", equalTo("Front of room A"))
                .body("roomName", equalTo("Room A (science wing)"))
                .body("className", equalTo("Physics 101"))
                .body("roomSnapshot", equalTo(true)));
        assertThat(heatmapSvg(first))
                .contains("Front of room A \u2014 Room A (science wing)")
                .contains("Physics 101, one session")
                .contains("Faces seen in the cell")
                .contains("<image")
                .contains("fill-opacity");
        ImageAssertions.assertRealPng(
                given().auth()
                        .oauth2(token(teacher, "TEACHER"))
                        .queryParam("sessionId", first)
                        .queryParam("format", "png")
                        .get("/api/analytics/cameras/{id}/heatmap", camera)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray(),
                0,
                0);
        // Over all sessions: the camera's name, no one session's room or snapshot.
        given().auth()
                .oauth2(admin)
                .get("/api/analytics/cameras/{id}/heatmap", camera)
                .then()
                .statusCode(200)
                .body("cameraName", equalTo("Front of room A"))
                .body("roomSnapshot", equalTo(false));
        given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .get("/api/analytics/cameras/{id}/heatmap", camera)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(token(ada, "STUDENT"))
                .get("/api/analytics/cameras/{id}/heatmap", camera)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");

        // Session heatmap: two class sessions (Tuesdays 10:00 in Paris) and one personal session (Saturday 16:00).
        eventually(() -> given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-10")
                .queryParam("zone", "Europe/Paris")
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .body("zone", equalTo("Europe/Paris"))
                .body("totals.sessions", equalTo(3))
                .body("totals.distinctUsers", equalTo(2))
                .body("totals.averageSessionSeconds", closeTo(2900.0, 1e-6))
                .body("weekdayHourGrid[1][10]", equalTo(2))
                .body("weekdayHourGrid[5][16]", equalTo(1))
                .body("perDay", hasSize(10))
                .body("mostActiveDays[0].date", equalTo("2026-09-01"))
                .body("mostActiveDays[0].topHours[0].hour", equalTo(10)));
        given().auth()
                .oauth2(token(bob, "STUDENT"))
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-10")
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .body("zone", equalTo("UTC"))
                .body("totals.sessions", equalTo(2))
                .body("weekdayHourGrid[1][8]", equalTo(2));
        given().auth()
                .oauth2(token(teacher, "TEACHER"))
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-10")
                .queryParam("userId", ada)
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .body("totals.sessions", equalTo(2));
        byte[] heatmapPng = given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-10")
                .queryParam("format", "png")
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        ImageAssertions.assertRealPng(heatmapPng, 0, 0);
        given().auth()
                .oauth2(token(bob, "STUDENT"))
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-10")
                .queryParam("userId", ada)
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(403);
    }

    @Test
    void personalSessionsCountForTheirApplicationAndReadsDefaultToTheLast30Days() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        send("classroom.sessions.v1", classId, sessionStarted(UUID.randomUUID().toString(), ago(now, 5)));
        send(
                "tracking.activity.v1",
                ada,
                personal(ago(now, 4), "focus-mobile"),
                personal(ago(now, 3), "classroom-web"),
                // A producer older than the application field: the classroom web app's.
                personal(ago(now, 2), null),
                personal(ago(now, 40), "classroom-web"));
        String student = TestTokens.token(tenant, ada, "STUDENT");

        eventually(() -> given().auth()
                .oauth2(student)
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .body("app", equalTo("classroom-web"))
                .body("totals.sessions", equalTo(3)));
        var window = given().auth()
                .oauth2(student)
                .get("/api/analytics/sessions/heatmap")
                .then()
                .extract()
                .jsonPath();
        assertThat(Duration.between(Instant.parse(window.getString("from")), Instant.parse(window.getString("to"))))
                .isEqualTo(Duration.ofDays(30));
        given().auth()
                .oauth2(student)
                .queryParam("app", "focus-mobile")
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .body("app", equalTo("focus-mobile"))
                .body("totals.sessions", equalTo(2));
        // With a range that reaches the oldest one; a zone-less bound is UTC.
        given().auth()
                .oauth2(student)
                .queryParam("from", ago(now, 41).replace("Z", ""))
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .body("from", equalTo(ago(now, 41)))
                .body("totals.sessions", equalTo(4));
        given().auth()
                .oauth2(TestTokens.token(tenant, UUID.randomUUID().toString(), "ADMIN"))
                .queryParam("app", "unused-app")
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .body("totals.sessions", equalTo(1));
    }

    private String personal(String at, String app) {
        var fields = new java.util.HashMap<String, Object>(
                Map.of("tenantId", tenant, "userId", ada, "sessionId", "p-" + UUID.randomUUID(), "at", at));
        fields.put("app", app);
        return Samples.event("tracking", "tracking.activity.v1", "PersonalSessionStarted.json", fields);
    }

    private static String ago(Instant now, int days) {
        return now.minus(Duration.ofDays(days)).toString();
    }

    @Test
    void heatmapBadInputIs400() {
        String admin = TestTokens.token(tenant, UUID.randomUUID().toString(), "ADMIN");
        Map<String, Map<String, String>> cases = Map.of(
                "invalid-zone", Map.of("from", "2026-09-01", "to", "2026-09-02", "zone", "Mars/Olympus"),
                "inverted-range", Map.of("from", "2026-09-03", "to", "2026-09-02"),
                "invalid-app", Map.of("app", "Classroom Web"),
                "invalid-date", Map.of("from", "2026-02-30", "to", "2026-09-02"),
                "range-too-long", Map.of("from", "2020-01-01", "to", "2026-09-02"),
                "invalid-format", Map.of("from", "2026-09-01", "to", "2026-09-02", "format", "gif"));
        cases.forEach((slug, params) -> given().auth()
                .oauth2(admin)
                .queryParams(params)
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:" + slug))
                .body("status", equalTo(400)));
        for (String param : List.of("from", "to")) {
            given().auth()
                    .oauth2(admin)
                    .queryParam(param, "2026-09-01T08:00:00 UTC")
                    .get("/api/analytics/sessions/heatmap")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:classroom:problem:invalid-date"))
                    .body("detail", containsString("'" + param + "'"));
        }
        given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-02")
                .queryParam("to", "2026-09-01")
                .get("/api/analytics/classes/{id}/attendance", classId)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:classroom:problem:inverted-range"));
        given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-02")
                .queryParam("atRiskBelow", 2)
                .get("/api/analytics/classes/{id}/attendance", classId)
                .then()
                .statusCode(400);
    }

    @Test
    void duplicatesAreAppliedOnceAndDeletedUsersAreAnonymised() {
        String session = UUID.randomUUID().toString();
        String duplicate =
                frame(session, "2026-09-02T09:00:00Z", List.<Object[]>of(new Object[] {0.5, 0.5, true, ada}));
        send("classroom.sessions.v1", classId, sessionStarted(session, "2026-09-02T09:00:00Z"));
        send(
                observationsTopic,
                camera,
                duplicate,
                duplicate,
                frame(session, "2026-09-02T09:01:00Z", List.<Object[]>of(new Object[] {0.5, 0.5, false, ada})));
        String row = attendance(
                "AttendanceFinalized.json", session, "2026-09-02T09:00:00Z", ada, "PRESENT", "2026-09-02T09:45:00Z");
        send("tracking.attendance.v1", session, row, row);
        send(
                "auth.users.v1",
                ada,
                Samples.event(
                        "auth",
                        "auth.users.v1",
                        "UserRegistered.json",
                        Map.of("tenantId", tenant, "userId", ada, "displayName", "Ada Lovelace")));
        given().auth()
                .oauth2(token(ada, "STUDENT"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "page",
                        "/home",
                        "timeSpentSeconds",
                        5,
                        "timestamp",
                        Instant.now().toString()))
                .post("/api/analytics/pages/views")
                .then()
                .statusCode(201);

        String admin = TestTokens.token(tenant, UUID.randomUUID().toString(), "ADMIN");
        eventually(() -> given().auth()
                .oauth2(admin)
                .get("/api/analytics/class-sessions/{id}/timeline", session)
                .then()
                .statusCode(200)
                .body("minutes", hasSize(2))
                .body("minutes[0].frames", equalTo(1))
                .body("minutes[0].faces", equalTo(1)));
        eventually(() -> given().auth()
                .oauth2(admin)
                .get("/api/analytics/class-sessions/{id}/attendance", session)
                .then()
                .statusCode(200)
                .body("rows", hasSize(1))
                .body("rows[0].displayName", equalTo("Ada Lovelace")));

        send(
                "auth.users.v1",
                ada,
                Samples.event("auth", "auth.users.v1", "UserDeleted.json", Map.of("tenantId", tenant, "userId", ada)));
        eventually(() -> given().auth()
                .oauth2(admin)
                .get("/api/analytics/class-sessions/{id}/attendance", session)
                .then()
                .statusCode(200)
                .body("rows", hasSize(1))
                .body("rows[0].userId", startsWith("deleted-"))
                .body("rows[0].displayName", nullValue()));
        // The deleted id names nobody any more: not found, and the views count under the pseudonym.
        given().auth()
                .oauth2(admin)
                .queryParam("userId", ada)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .get("/api/analytics/pages/stats")
                .then()
                .statusCode(200)
                .body("windows[3].views", equalTo(1));
        // The roster entry is replaced too: no session counts for the deleted id any more, one for the pseudonym.
        given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-03")
                .queryParam("userId", ada)
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-03")
                .get("/api/analytics/sessions/heatmap")
                .then()
                .statusCode(200)
                .body("totals.sessions", equalTo(1))
                .body("totals.distinctUsers", equalTo(2));
        // Raw frames keep no trace of the id either.
        long left = mongo.getDatabase("analytics")
                .getCollection("observations")
                .countDocuments(new Document("tenantId", tenant).append("faces.userId", ada))
                .await()
                .atMost(HANG);
        assertThat(left).isZero();
    }

    @Test
    void anInvalidEventGoesToItsDeadLetterTopicAndTheNextOneIsStillApplied() {
        String session = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        send("classroom.sessions.v1", classId, sessionStarted(session, "2026-09-03T08:00:00Z"));
        // A row without its student can never be applied; the valid row behind it on the same partition still is.
        String invalid = Samples.event(
                "tracking",
                "tracking.attendance.v1",
                "AttendanceFinalized.json",
                Map.of(
                        "tenantId", tenant,
                        "sessionId", session,
                        "classId", classId,
                        "userId", "",
                        "overrideReason", marker));
        String valid = attendance(
                "AttendanceFinalized.json", session, "2026-09-03T08:00:00Z", ada, "PRESENT", "2026-09-03T08:45:01Z");
        send("tracking.attendance.v1", session, invalid, valid);

        var dead = kafka.consumeStrings()
                .fromTopics(
                        "tracking.attendance.v1.analytics-service.dlq",
                        records -> records.filter(
                                r -> r.value() != null && r.value().contains(marker)))
                .awaitRecords(1, HANG);
        var record = dead.getFirstRecord();
        dead.stop();
        assertThat(record.key()).isEqualTo(session);
        var reason = record.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8))
                .contains("AttendanceEvent")
                .contains("userId");

        eventually(() -> given().auth()
                .oauth2(TestTokens.token(tenant, UUID.randomUUID().toString(), "ADMIN"))
                .get("/api/analytics/class-sessions/{id}/attendance", session)
                .then()
                .statusCode(200)
                .body("rows", hasSize(1))
                .body("rows[0].userId", equalTo(ada))
                .body("rows[0].status", equalTo("PRESENT")));
    }

    @Test
    void rawObservationsExpireAndEventIdsAreUnique() {
        List<Document> indexes = mongo.getDatabase("analytics")
                .getCollection("observations")
                .listIndexes()
                .collect()
                .asList()
                .await()
                .atMost(HANG);
        Document ttl = indexes.stream()
                .filter(index -> index.get("key", Document.class).containsKey("ingestedAt"))
                .findFirst()
                .orElseThrow();
        assertThat(((Number) ttl.get("expireAfterSeconds")).longValue())
                .isEqualTo(Duration.ofDays(30).toSeconds());
        List<Document> attendanceIndexes = mongo.getDatabase("analytics")
                .getCollection("attendance")
                .listIndexes()
                .collect()
                .asList()
                .await()
                .atMost(HANG);
        assertThat(attendanceIndexes)
                .anySatisfy(
                        index -> assertThat(index.getBoolean("unique", false)).isTrue());
    }
}
