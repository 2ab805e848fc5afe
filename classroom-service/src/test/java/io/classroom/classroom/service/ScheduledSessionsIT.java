package io.classroom.classroom.service;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.classBody;
import static io.classroom.classroom.ClassroomApi.createRoom;
import static io.classroom.classroom.ClassroomApi.join;
import static io.classroom.classroom.ClassroomApi.joinCode;
import static io.classroom.classroom.ClassroomApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.classroom.classroom.CameraClaim;
import io.classroom.classroom.ClassroomApi.User;
import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.repository.CameraClaimRepository;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.testing.EventSchemas;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Classes with a schedule start and end their sessions by themselves. The scheduler's job is called directly, with a
 * clock the test moves: Monday 8 January 2024, long before anything the other tests store with the real clock, so
 * only this test's classes (and those an interrupted earlier run of it left) are due. Every class is scheduled on
 * Mondays at 08:00 in Paris (07:00Z in January) for 45 minutes ({@code ClassroomApi.classBody}).
 */
@QuarkusTest
class ScheduledSessionsIT {

    private static final Duration HANG = Duration.ofSeconds(60);
    private static final Instant START = at("07:00:00");
    private static final Instant END = at("07:45:00");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Inject
    ScheduledSessions scheduler;

    @Inject
    ClassRepository classes;

    @Inject
    CameraClaimRepository claims;

    private final String tenant = TestTokens.newTenant();
    private final User admin = user(tenant, "ADMIN");
    private final User teacher = user(tenant, "TEACHER");
    private final User colleague = user(tenant, "TEACHER");
    private final MovableClock time = new MovableClock(at("06:00:00"));

    @BeforeEach
    void installClock() {
        QuarkusMock.installMockForType(new Clock(time), Clock.class);
    }

    @Test
    void aScheduledClassStartsAtItsScheduledStartAndEndsAtItsPlannedEnd() {
        var room = createRoom(admin, "Room S", "cam-s");
        var classId = createClassIn(teacher, "Physics", room);
        var student = user(tenant, "STUDENT");
        join(student, joinCode(teacher, classId));
        assertThat(classDocument(classId).nextOccurrenceAt).isEqualTo(START);

        time.set(at("06:59:59"));
        tick();
        assertThat(sessionsOf(classId)).isEmpty();

        time.set(at("07:00:07"));
        tick();
        var session = single(classId);
        assertThat(session.getString("state")).isEqualTo("ACTIVE");
        assertThat(session.getString("trigger")).isEqualTo("SCHEDULE");
        assertThat(session.getString("scheduledStart")).isEqualTo("2024-01-08T07:00:00Z");
        assertThat(session.getString("startedAt")).isEqualTo("2024-01-08T07:00:07Z");
        assertThat(session.getString("plannedEnd")).isEqualTo("2024-01-08T07:45:00Z");
        // The class's grace, unchanged: lateness is measured from the scheduled start by the consumers.
        assertThat(session.getLong("lateGraceSeconds")).isEqualTo(300);
        assertThat(session.getList("roster")).containsExactly(student.userId());
        assertThat(session.getList("cameraIds")).containsExactly("cam-s");
        var sessionId = session.getString("id");
        assertThat(holder("cam-s")).isEqualTo(sessionId);
        assertThat(classDocument(classId).nextOccurrenceAt)
                .isEqualTo(at("07:00:00").plus(Duration.ofDays(7)));

        time.set(at("07:44:59"));
        tick();
        assertThat(single(classId).getString("state")).isEqualTo("ACTIVE");

        time.set(at("07:45:02"));
        tick();
        session = single(classId);
        assertThat(session.getString("state")).isEqualTo("ENDED");
        assertThat(session.getString("endReason")).isEqualTo("PLANNED_END");
        assertThat(session.getString("endedAt")).isEqualTo("2024-01-08T07:45:02Z");
        assertThat(holder("cam-s")).isNull();
        assertThat(classDocument(classId).activeSessionId).isNull();

        time.set(at("07:50:00"));
        tick();
        assertThat(sessionsOf(classId)).hasSize(1);
    }

    @Test
    void severalReplicasAndTicksStartAnOccurrenceOnceAndPublishOneStart() throws Exception {
        var classId = createClassIn(teacher, "Chemistry", createRoom(admin, "Room C", "cam-c"));
        try (var kafka = new KafkaCompanion(kafkaServers);
                var consumer = kafka.consumeStrings().fromTopics("classroom.sessions.v1")) {
            time.set(at("07:00:03"));
            var pool = Executors.newFixedThreadPool(6);
            try {
                var replicas = new ArrayList<CompletableFuture<Integer>>();
                for (int i = 0; i < 6; i++) {
                    replicas.add(CompletableFuture.supplyAsync(
                            () -> scheduler.startDue().await().atMost(HANG), pool));
                }
                for (var replica : replicas) {
                    replica.get();
                }
            } finally {
                pool.shutdownNow();
            }
            time.set(at("07:00:13"));
            tick();
            tick();
            var sessionId = single(classId).getString("id");

            // The end, keyed by the class like the start, arrives after every start the class ever published.
            as(teacher)
                    .post("/api/classroom/sessions/" + sessionId + "/end")
                    .then()
                    .statusCode(200);
            var mapper = new ObjectMapper();
            await().atMost(HANG)
                    .until(() -> consumer.getRecords().stream()
                            .anyMatch(r -> classId.equals(r.key()) && r.value().contains("ClassSessionEnded")));
            var starts = new ArrayList<JsonNode>();
            for (var r : consumer.getRecords()) {
                if (classId.equals(r.key()) && r.value().contains("ClassSessionStarted")) {
                    starts.add(mapper.readTree(r.value()));
                }
            }
            assertThat(starts).hasSize(1);
            var started = starts.get(0);
            assertThat(EventSchemas.validate("classroom.sessions.v1", started.toString()))
                    .isEmpty();
            assertThat(started.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(started.get("trigger").asText()).isEqualTo("SCHEDULE");
            assertThat(started.get("scheduledStart").asText()).isEqualTo("2024-01-08T07:00:00Z");
            assertThat(started.get("plannedEnd").asText()).isEqualTo("2024-01-08T07:45:00Z");
        }
    }

    @Test
    void aManualEndOfAScheduledSessionIsFinal() {
        var classId = createClassIn(teacher, "Biology", null);
        time.set(at("07:00:01"));
        tick();
        var sessionId = single(classId).getString("id");

        time.set(at("07:10:00"));
        as(teacher)
                .post("/api/classroom/sessions/" + sessionId + "/end")
                .then()
                .statusCode(200)
                .body("endReason", equalTo("DEACTIVATED"));
        for (var later : List.of("07:10:01", "07:30:00", "07:45:00")) {
            time.set(at(later));
            tick();
        }
        assertThat(sessionsOf(classId)).hasSize(1);
        assertThat(single(classId).getString("endReason")).isEqualTo("DEACTIVATED");
        // Even a class whose next occurrence was reset onto it (a schedule saved again) finds it taken.
        classes.mongoCollection()
                .updateOne(Filters.eq("_id", classId), Updates.set("nextOccurrenceAt", START))
                .await()
                .atMost(HANG);
        time.set(at("07:20:00"));
        tick();
        assertThat(sessionsOf(classId)).hasSize(1);
        assertThat(classDocument(classId).nextOccurrenceAt).isEqualTo(START.plus(Duration.ofDays(7)));
    }

    @Test
    void aStartFindingItsCameraHeldIsSkippedAndRetriedUntilTheOccurrenceEnds() {
        var room = createRoom(admin, "Shared", "cam-shared");
        var scheduled = createClassIn(teacher, "Scheduled", room);
        // Another class of the room, without schedule days, started by hand before 08:00 and still running.
        var body = new HashMap<>(classBody("Overrunning"));
        body.put("defaultRoomId", room);
        body.put("schedule", Map.of("startTime", "10:00", "durationMinutes", 45, "timeZone", "Europe/Paris"));
        String other = as(colleague)
                .body(body)
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        time.set(at("06:50:00"));
        String holding = as(colleague)
                .post("/api/classroom/classes/" + other + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        time.set(at("07:00:05"));
        tick();
        time.set(at("07:04:00"));
        tick();
        assertThat(sessionsOf(scheduled)).isEmpty();
        assertThat(classDocument(scheduled).nextOccurrenceAt).isEqualTo(START);

        time.set(at("07:05:00"));
        as(colleague).post("/api/classroom/sessions/" + holding + "/end").then().statusCode(200);
        time.set(at("07:05:10"));
        tick();
        var session = single(scheduled);
        assertThat(session.getString("startedAt")).isEqualTo("2024-01-08T07:05:10Z");
        assertThat(session.getString("scheduledStart")).isEqualTo("2024-01-08T07:00:00Z");
        assertThat(session.getString("plannedEnd")).isEqualTo("2024-01-08T07:45:00Z");
        assertThat(holder("cam-shared")).isEqualTo(session.getString("id"));
    }

    @Test
    void anOccurrenceWhoseCameraStaysHeldPassesWithoutASession() {
        var room = createRoom(admin, "Busy", "cam-busy");
        var scheduled = createClassIn(teacher, "Never started", room);
        var other = createClassIn(colleague, "Holder", room);
        time.set(at("06:40:00"));
        as(colleague)
                .post("/api/classroom/classes/" + other + "/sessions")
                .then()
                .statusCode(201);
        // The holder is itself scheduled at 08:00: its class is busy, so its own session serves that occurrence.
        time.set(at("07:00:05"));
        tick();
        time.set(at("07:45:00"));
        tick();

        assertThat(sessionsOf(scheduled)).isEmpty();
        assertThat(classDocument(scheduled).nextOccurrenceAt).isEqualTo(START.plus(Duration.ofDays(7)));
        assertThat(sessionsOf(other)).hasSize(1);
        assertThat(single(other).getString("trigger")).isEqualTo("MANUAL");
    }

    @Test
    void aSessionStartedByHandServesTheOccurrence() {
        var classId = createClassIn(teacher, "Early bird", null);
        time.set(at("06:55:00"));
        String manual = as(teacher)
                .post("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(201)
                .body("trigger", equalTo("MANUAL"))
                .body("scheduledStart", equalTo(null))
                .extract()
                .path("id");

        time.set(at("07:00:05"));
        tick();
        time.set(at("07:30:00"));
        as(teacher).post("/api/classroom/sessions/" + manual + "/end").then().statusCode(200);
        time.set(at("07:30:10"));
        tick();

        assertThat(sessionsOf(classId)).hasSize(1);
        assertThat(single(classId).getString("trigger")).isEqualTo("MANUAL");
    }

    @Test
    void anOccurrenceClaimWhoseSessionNeverCameIsTakenOverAfterAMinute() {
        var classId = createClassIn(teacher, "Crashed", null);
        var missing = UUID.randomUUID().toString();
        // A replica claimed the class for the occurrence and died before storing its session.
        assertThat(classes.claimOccurrence(tenant, classId, null, missing, at("07:00:01"), START, null)
                        .await()
                        .atMost(HANG))
                .isTrue();

        time.set(at("07:00:30"));
        tick();
        assertThat(sessionsOf(classId)).isEmpty();

        time.set(at("07:01:30"));
        tick();
        var session = single(classId);
        assertThat(session.getString("scheduledStart")).isEqualTo("2024-01-08T07:00:00Z");
        assertThat(classDocument(classId).occurrenceClaim.sessionId).isEqualTo(session.getString("id"));
    }

    @Test
    void archivedClassesAndClassesWithoutDaysAreNotScheduled() {
        var archived = createClassIn(teacher, "Archived", null);
        as(teacher)
                .post("/api/classroom/classes/" + archived + "/archive")
                .then()
                .statusCode(200);
        var body = new HashMap<>(classBody("By hand only"));
        body.put("schedule", Map.of("startTime", "08:00", "durationMinutes", 45, "timeZone", "Europe/Paris"));
        String byHand = as(teacher)
                .body(body)
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        time.set(at("07:00:05"));
        tick();

        assertThat(sessionsOf(archived)).isEmpty();
        assertThat(sessionsOf(byHand)).isEmpty();
        assertThat(classDocument(archived).nextOccurrenceAt).isNull();
        assertThat(classDocument(byHand).nextOccurrenceAt).isNull();
    }

    @Test
    void aChangedScheduleIsFollowedAndClassesOfThePreviousVersionAreScheduledAtStart() {
        var classId = createClassIn(teacher, "Moved", null);
        var body = new HashMap<>(classBody("Moved"));
        body.put(
                "schedule",
                Map.of(
                        "startTime",
                        "09:30",
                        "durationMinutes",
                        30,
                        "days",
                        List.of("MONDAY"),
                        "timeZone",
                        "America/New_York"));
        as(teacher).body(body).put("/api/classroom/classes/" + classId).then().statusCode(200);
        var nineThirtyInNewYork = at("14:30:00");
        assertThat(classDocument(classId).nextOccurrenceAt).isEqualTo(nineThirtyInNewYork);

        // Stored before the scheduler existed: no next occurrence until the start of the service sets it.
        classes.mongoCollection()
                .updateOne(Filters.eq("_id", classId), Updates.unset("nextOccurrenceAt"))
                .await()
                .atMost(HANG);
        assertThat(scheduler.schedulePreviousClasses().await().atMost(HANG)).isGreaterThanOrEqualTo(1);
        assertThat(classDocument(classId).nextOccurrenceAt).isEqualTo(nineThirtyInNewYork);

        time.set(at("14:30:00"));
        tick();
        assertThat(single(classId).getString("plannedEnd")).isEqualTo("2024-01-08T15:00:00Z");
    }

    /** One tick of the job: ends what is over, then starts what is due. */
    private void tick() {
        scheduler.endDue().await().atMost(HANG);
        scheduler.startDue().await().atMost(HANG);
    }

    private List<Map<String, Object>> sessionsOf(String classId) {
        return as(teacher.userId().equals(classDocument(classId).teacherId) ? teacher : colleague)
                .get("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    private JsonPath single(String classId) {
        var found = sessionsOf(classId);
        assertThat(found).hasSize(1);
        return new JsonPath(as(admin)
                .get("/api/classroom/sessions/" + found.get(0).get("id"))
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private SchoolClass classDocument(String classId) {
        return classes.findById(classId).await().atMost(HANG);
    }

    private String holder(String cameraId) {
        var claim = claims.findById(CameraClaim.key(tenant, cameraId)).await().atMost(HANG);
        return claim == null ? null : claim.sessionId;
    }

    private static String createClassIn(User teacher, String title, String roomId) {
        var body = new HashMap<>(classBody(title));
        if (roomId != null) {
            body.put("defaultRoomId", roomId);
        }
        return as(teacher)
                .body(body)
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Instant at(String utcTime) {
        return Instant.parse("2024-01-08T" + utcTime + "Z");
    }

    /** A clock that stands still where the test puts it. */
    static final class MovableClock extends java.time.Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
