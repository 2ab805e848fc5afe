package io.classroom.classroom.service;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.classBody;
import static io.classroom.classroom.ClassroomApi.createRoom;
import static io.classroom.classroom.ClassroomApi.problem;
import static io.classroom.classroom.ClassroomApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.classroom.classroom.CameraClaim;
import io.classroom.classroom.ClassroomApi.User;
import io.classroom.classroom.SessionState;
import io.classroom.classroom.repository.CameraClaimRepository;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** One camera, one active session per tenant: the claims behind activation, on the real (Mongo-compatible) server. */
@QuarkusTest
class CameraClaimsIT {

    private static final Duration HANG = Duration.ofSeconds(60);

    private final String tenant = TestTokens.newTenant();
    private final User admin = user(tenant, "ADMIN");
    private final User teacher = user(tenant, "TEACHER");
    private final User colleague = user(tenant, "TEACHER");

    @Inject
    CameraClaimRepository claims;

    @Inject
    ClassRepository classes;

    @Inject
    ClassSessionRepository sessions;

    @Inject
    CameraClaimBackfill backfill;

    @Test
    void aCameraInUseByAnotherClassRefusesTheActivationAndStoresNothing() {
        var room = createRoom(admin, "Room A", "cam-front");
        var mine = createClassIn(teacher, "Physics", room);
        var theirs = createClassIn(colleague, "Chemistry", room);
        var running = activate(teacher, mine);
        var before = classDocument(theirs);

        problem(activation(colleague, theirs), 409)
                .body("type", equalTo("urn:classroom:problem:camera-in-use"))
                .body("detail", containsString("cam-front"))
                .body("detail", containsString("in use"))
                .body("cameraId", equalTo("cam-front"));

        assertThat(classDocument(theirs)).isEqualTo(before);
        as(colleague)
                .get("/api/classroom/classes/" + theirs + "/sessions")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        assertThat(holder("cam-front")).isEqualTo(running);
        // An admin is refused alike: the camera is the other class's while its session runs.
        problem(activation(admin, theirs), 409).body("cameraId", equalTo("cam-front"));

        as(teacher).post("/api/classroom/sessions/" + running + "/end").then().statusCode(200);
        assertThat(claims.findById(CameraClaim.key(tenant, "cam-front")).await().atMost(HANG))
                .isNull();
        var next = activate(colleague, theirs);
        assertThat(holder("cam-front")).isEqualTo(next);
    }

    @Test
    void classesSharingARoomActivatedAtOnceStartOneSession() throws Exception {
        var room = createRoom(admin, "Shared room", "cam-left", "cam-right");
        var classIds = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            classIds.add(createClassIn(i % 2 == 0 ? teacher : colleague, "Class " + i, room));
        }
        var pool = Executors.newFixedThreadPool(classIds.size());
        try {
            for (int round = 0; round < 3; round++) {
                var calls = new ArrayList<CompletableFuture<Response>>();
                for (var classId : classIds) {
                    calls.add(CompletableFuture.supplyAsync(
                            () -> as(admin).post("/api/classroom/classes/" + classId + "/sessions"), pool));
                }
                var winners = new ArrayList<String>();
                for (var call : calls) {
                    var response = call.get();
                    assertThat(response.statusCode()).isIn(201, 409);
                    if (response.statusCode() == 201) {
                        winners.add(response.path("id"));
                    } else {
                        assertThat(response.<String>path("type")).isEqualTo("urn:classroom:problem:camera-in-use");
                    }
                }
                assertThat(winners).hasSize(1);
                as(admin)
                        .queryParam("state", "ACTIVE")
                        .get("/api/classroom/sessions")
                        .then()
                        .body("total", equalTo(1));
                assertThat(holder("cam-left")).isEqualTo(winners.get(0));
                assertThat(holder("cam-right")).isEqualTo(winners.get(0));
                as(admin)
                        .post("/api/classroom/sessions/" + winners.get(0) + "/end")
                        .then()
                        .statusCode(200);
            }
        } finally {
            pool.shutdownNow();
        }
        // Every loser released what it took: all classes can run one after the other.
        for (var classId : classIds) {
            var id = activate(admin, classId);
            as(admin).post("/api/classroom/sessions/" + id + "/end").then().statusCode(200);
        }
    }

    @Test
    void aRefusedActivationReleasesTheCamerasItHadClaimed() {
        var both = createRoom(admin, "Both cameras", "cam-a", "cam-b");
        var onlyB = createRoom(admin, "Camera B", "cam-b");
        var onlyA = createRoom(admin, "Camera A", "cam-a");
        var holdingB = activate(colleague, createClassIn(colleague, "Holds B", onlyB));

        // cam-a is claimed first (cameras are claimed in order), then cam-b refuses: cam-a is released.
        problem(activation(teacher, createClassIn(teacher, "Wants both", both)), 409)
                .body("cameraId", equalTo("cam-b"));
        assertThat(claims.findById(CameraClaim.key(tenant, "cam-a")).await().atMost(HANG))
                .isNull();
        activate(teacher, createClassIn(teacher, "Wants A", onlyA));
        assertThat(holder("cam-b")).isEqualTo(holdingB);
    }

    @Test
    void leftoverClaimsAreTakenOverAndAnActivationInProgressIsNot() {
        var room = createRoom(admin, "Room L", "cam-l");
        var first = createClassIn(teacher, "First", room);
        var second = createClassIn(colleague, "Second", room);

        // A crash after the end of the session, before its claims were deleted.
        var crashed = activate(teacher, first);
        sessions.mongoCollection()
                .updateOne(Filters.eq("_id", crashed), Updates.set("state", SessionState.ENDED.name()))
                .await()
                .atMost(HANG);
        var taker = activate(colleague, second);
        assertThat(holder("cam-l")).isEqualTo(taker);
        as(colleague).post("/api/classroom/sessions/" + taker + "/end").then().statusCode(200);

        // A claim whose session is not stored yet: another activation in progress (stamped ahead, it stays recent
        // however long this test takes), then the same claim ten minutes old: a crash before the session was stored.
        var missing = UUID.randomUUID().toString();
        claim("cam-l", missing, Instant.now().plus(Duration.ofMinutes(10)));
        problem(activation(teacher, first), 409).body("cameraId", equalTo("cam-l"));
        claims.deleteById(CameraClaim.key(tenant, "cam-l")).await().atMost(HANG);
        claim("cam-l", missing, Instant.now().minus(Duration.ofMinutes(10)));
        var after = activate(teacher, first);
        assertThat(holder("cam-l")).isEqualTo(after);
    }

    @Test
    void sessionsOfThePreviousVersionClaimTheirCamerasAtStart() {
        var room = createRoom(admin, "Room P", "cam-p");
        var old = activate(teacher, createClassIn(teacher, "Old", room));
        // The previous version stored no claim.
        claims.deleteById(CameraClaim.key(tenant, "cam-p")).await().atMost(HANG);

        assertThat(backfill.backfill().await().atMost(HANG)).isGreaterThanOrEqualTo(1);
        assertThat(backfill.backfill().await().atMost(HANG)).isZero();

        assertThat(holder("cam-p")).isEqualTo(old);
        problem(activation(colleague, createClassIn(colleague, "New", room)), 409)
                .body("cameraId", equalTo("cam-p"));
    }

    private void claim(String cameraId, String sessionId, Instant claimedAt) {
        var claim = new CameraClaim();
        claim.id = CameraClaim.key(tenant, cameraId);
        claim.tenantId = tenant;
        claim.cameraId = cameraId;
        claim.sessionId = sessionId;
        claim.classId = UUID.randomUUID().toString();
        claim.claimedAt = claimedAt;
        claims.persist(claim).await().atMost(HANG);
    }

    private String holder(String cameraId) {
        var claim = claims.findById(CameraClaim.key(tenant, cameraId)).await().atMost(HANG);
        return claim == null ? null : claim.sessionId;
    }

    private Document classDocument(String classId) {
        return classes.mongoCollection()
                .withDocumentClass(Document.class)
                .find(Filters.eq("_id", classId))
                .collect()
                .first()
                .await()
                .atMost(HANG);
    }

    private static ValidatableResponse activation(User user, String classId) {
        return as(user).post("/api/classroom/classes/" + classId + "/sessions").then();
    }

    private static String activate(User user, String classId) {
        return activation(user, classId).statusCode(201).extract().path("id");
    }

    private static String createClassIn(User teacher, String title, String roomId) {
        var body = new HashMap<>(classBody(title));
        body.put("defaultRoomId", roomId);
        return as(teacher)
                .body(body)
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
