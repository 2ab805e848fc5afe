package io.classroom.classroom.rest;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.classBody;
import static io.classroom.classroom.ClassroomApi.createClass;
import static io.classroom.classroom.ClassroomApi.createRoom;
import static io.classroom.classroom.ClassroomApi.join;
import static io.classroom.classroom.ClassroomApi.joinCode;
import static io.classroom.classroom.ClassroomApi.problem;
import static io.classroom.classroom.ClassroomApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.classroom.classroom.ClassroomApi.User;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.classroom.service.ClassSessionService;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClassSessionResourceIT {

    private static final Duration HANG = Duration.ofSeconds(60);

    private final String tenant = TestTokens.newTenant();
    private final User teacher = user(tenant, "TEACHER");
    private final User student = user(tenant, "STUDENT");
    private final User admin = user(tenant, "ADMIN");

    @Inject
    ClassSessionService sessionService;

    @Inject
    ClassSessionRepository sessions;

    @Inject
    ClassRepository classes;

    @Test
    void activationSnapshotsRosterAndCamerasAndOnlyOneSessionRuns() {
        var roomId = createRoom(admin, "Room A", "cam-front", "cam-back");
        var classId = createClassInRoom("Physics", roomId);
        join(student, joinCode(teacher, classId));

        var session = as(teacher)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(201)
                .body("state", equalTo("ACTIVE"))
                .body("classId", equalTo(classId))
                .body("className", equalTo("Physics"))
                .body("teacherId", equalTo(teacher.userId()))
                .body("roomId", equalTo(roomId))
                .body("roster", equalTo(List.of(student.userId())))
                .body("cameraIds", equalTo(List.of("cam-front", "cam-back")))
                .body("attendanceThreshold", equalTo(75))
                .body("lateGraceSeconds", equalTo(300))
                .extract()
                .response();
        var sessionId = session.path("id").toString();
        // The relay sends ClassSessionStarted right after the activation and empties the session's outbox.
        awaitEventsPublished(sessionId);
        var startedAt = Instant.parse(session.path("startedAt"));
        assertThat(Instant.parse(session.<String>path("plannedEnd"))).isEqualTo(startedAt.plus(Duration.ofMinutes(45)));
        as(teacher).get("/api/classroom/classes/" + classId).then().body("activeSessionId", equalTo(sessionId));

        problem(
                        as(teacher)
                                .post("/api/classroom/classes/" + classId + "/sessions")
                                .then(),
                        409)
                .body("type", equalTo("urn:classroom:problem:session-active"));
        problem(
                as(teacher)
                        .post("/api/classroom/classes/" + classId + "/archive")
                        .then(),
                409);

        as(teacher)
                .post("/api/classroom/sessions/" + sessionId + "/end")
                .then()
                .statusCode(200)
                .body("state", equalTo("ENDED"))
                .body("endReason", equalTo("DEACTIVATED"))
                .body("endedAt", notNullValue());
        // Ending again changes nothing.
        as(teacher)
                .post("/api/classroom/sessions/" + sessionId + "/end")
                .then()
                .statusCode(200)
                .body("endReason", equalTo("DEACTIVATED"));
        as(teacher).get("/api/classroom/classes/" + classId).then().body("activeSessionId", nullValue());
        as(teacher)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(201);
    }

    @Test
    void aClaimWithoutItsSessionIsAnActivationInProgressThenACrashLeftover() {
        var classId = createClass(teacher, "Half started");
        var missing = UUID.randomUUID().toString();
        // Another activation (on a replica whose clock is a little ahead) claimed the class and has not stored its
        // session yet. Stamped ahead, the claim stays recent however long this test takes to reach the next request.
        var recent = Instant.now().plus(Duration.ofMinutes(10));
        assertThat(classes.claimActiveSession(tenant, classId, null, missing, recent)
                        .await()
                        .atMost(HANG))
                .isTrue();
        as(teacher)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(409);

        // The same claim, ten minutes old: that activation crashed before storing its session.
        assertThat(classes.claimActiveSession(
                                tenant, classId, missing, missing, Instant.now().minus(Duration.ofMinutes(10)))
                        .await()
                        .atMost(HANG))
                .isTrue();
        as(teacher)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(201);
    }

    @Test
    void concurrentActivationsStartOneSession() throws Exception {
        var classId = createClass(teacher, "Rush hour");
        var pool = Executors.newFixedThreadPool(6);
        try {
            var calls = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> as(teacher)
                                .post("/api/classroom/classes/" + classId + "/sessions")
                                .statusCode(),
                        pool));
            }
            var codes = new ArrayList<Integer>();
            for (var call : calls) {
                codes.add(call.get());
            }
            assertThat(codes).containsOnly(201, 409).filteredOn(c -> c == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        as(teacher)
                .get("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void onlyTheTeacherOfTheClassOrAnAdminRunsSessions() {
        var classId = createClass(teacher, "Art");
        join(student, joinCode(teacher, classId));
        problem(
                as(student)
                        .post("/api/classroom/classes/" + classId + "/sessions")
                        .then(),
                403);
        problem(
                as(user(tenant, "TEACHER"))
                        .post("/api/classroom/classes/" + classId + "/sessions")
                        .then(),
                404);
        var outsider = user(TestTokens.newTenant(), "ADMIN");
        problem(
                as(outsider)
                        .post("/api/classroom/classes/" + classId + "/sessions")
                        .then(),
                404);

        String sessionId = as(admin)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(201)
                .body("teacherId", equalTo(teacher.userId()))
                .extract()
                .path("id");
        problem(as(outsider).get("/api/classroom/sessions/" + sessionId).then(), 404);
        problem(
                as(outsider)
                        .post("/api/classroom/sessions/" + sessionId + "/end")
                        .then(),
                404);
        problem(as(student).get("/api/classroom/sessions/" + sessionId).then(), 403);
        problem(
                as(user(tenant, "TEACHER"))
                        .get("/api/classroom/sessions/" + sessionId)
                        .then(),
                404);
        as(outsider).get("/api/classroom/sessions").then().statusCode(200).body("total", equalTo(0));
        as(teacher).get("/api/classroom/sessions/" + sessionId).then().statusCode(200);
        as(admin).post("/api/classroom/sessions/" + sessionId + "/end").then().statusCode(200);
    }

    @Test
    void sessionsAreListedNewestFirstAndFilteredByState() {
        var classId = createClass(teacher, "History");
        String first = activate(classId);
        as(teacher).post("/api/classroom/sessions/" + first + "/end").then().statusCode(200);
        String second = activate(classId);

        as(teacher)
                .get("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", equalTo(List.of(second, first)));
        as(teacher)
                .queryParam("state", "ENDED")
                .get("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .body("items.id", equalTo(List.of(first)));
        as(teacher)
                .queryParam("state", "ACTIVE")
                .get("/api/classroom/sessions")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(second));
        for (var bad : List.of("{\"$ne\": null}", "active", "ACTIVE' || '1'=='1")) {
            problem(
                            as(teacher)
                                    .queryParam("state", bad)
                                    .get("/api/classroom/sessions")
                                    .then(),
                            400)
                    .body("type", equalTo("urn:classroom:problem:invalid-state"));
        }
        problem(as(teacher).get("/api/classroom/sessions/" + UUID.randomUUID()).then(), 404);
        problem(as(teacher).get("/api/classroom/sessions/not-a-session").then(), 404);
        problem(
                as(teacher)
                        .post("/api/classroom/sessions/" + UUID.randomUUID() + "/end")
                        .then(),
                404);
        problem(
                as(teacher)
                        .post("/api/classroom/classes/" + UUID.randomUUID() + "/sessions")
                        .then(),
                404);
    }

    @Test
    void archivedClassesAndUnknownRoomsCannotStartSessions() {
        var classId = createClass(teacher, "Latin");
        problem(
                        as(teacher)
                                .body(Map.of("roomId", UUID.randomUUID().toString()))
                                .post("/api/classroom/classes/" + classId + "/sessions")
                                .then(),
                        422)
                .body("type", equalTo("urn:classroom:problem:unknown-room"));
        var otherTenantRoom = createRoom(user(TestTokens.newTenant(), "ADMIN"), "Elsewhere", "cam-x");
        problem(
                as(teacher)
                        .body(Map.of("roomId", otherTenantRoom))
                        .post("/api/classroom/classes/" + classId + "/sessions")
                        .then(),
                422);
        as(teacher)
                .post("/api/classroom/classes/" + classId + "/archive")
                .then()
                .statusCode(200);
        problem(
                        as(teacher)
                                .post("/api/classroom/classes/" + classId + "/sessions")
                                .then(),
                        409)
                .body("type", equalTo("urn:classroom:problem:class-archived"));
    }

    @Test
    void deletingAClassEndsItsSession() {
        var classId = createClass(teacher, "Drama");
        var sessionId = activate(classId);
        as(teacher).delete("/api/classroom/classes/" + classId).then().statusCode(204);
        as(teacher)
                .get("/api/classroom/sessions/" + sessionId)
                .then()
                .statusCode(200)
                .body("state", equalTo("ENDED"))
                .body("endReason", equalTo("CLASS_DELETED"));
    }

    @Test
    void overdueSessionsEndByThemselves() {
        var classId = createClass(teacher, "Economics");
        var overdue = activate(classId);
        var otherClass = createClass(teacher, "Statistics");
        var onTime = activate(otherClass);
        // Planned end long past, beyond the grace period.
        sessions.mongoCollection()
                .updateOne(
                        Filters.eq("_id", overdue),
                        Updates.set("plannedEnd", Date.from(Instant.now().minus(Duration.ofHours(2)))))
                .await()
                .atMost(HANG);

        assertThat(sessionService.endOverdueSessions().await().atMost(HANG)).isGreaterThanOrEqualTo(1);

        as(teacher)
                .get("/api/classroom/sessions/" + overdue)
                .then()
                .body("state", equalTo("ENDED"))
                .body("endReason", equalTo("PLANNED_END"));
        awaitEventsPublished(overdue);
        as(teacher).get("/api/classroom/sessions/" + onTime).then().body("state", equalTo("ACTIVE"));
        as(teacher).get("/api/classroom/classes/" + classId).then().body("activeSessionId", nullValue());
    }

    private void awaitEventsPublished(String sessionId) {
        await().atMost(HANG)
                .until(() -> as(teacher)
                        .get("/api/classroom/sessions/" + sessionId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Boolean>path("eventsPublished"));
    }

    private String createClassInRoom(String title, String roomId) {
        var body = new HashMap<>(classBody(title));
        body.put("defaultRoomId", roomId);
        return as(teacher)
                .body(body)
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .body("defaultRoomId", equalTo(roomId))
                .extract()
                .path("id");
    }

    private String activate(String classId) {
        return as(teacher)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
