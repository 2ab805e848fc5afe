package io.classroom.tracking.service;

import static io.classroom.tracking.TestSupport.KAFKA;
import static io.classroom.tracking.TestSupport.frame;
import static io.classroom.tracking.TestSupport.produce;
import static io.classroom.tracking.TestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.classroom.testing.KafkaBroker;
import io.classroom.tracking.TestSupport;
import io.classroom.tracking.TestSupport.Face;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * After a UserDeleted nothing in this service's stores names the user: every PostgreSQL table (attendance,
 * overrides, class and personal sessions, the outbox) and every Redis key (live class sessions, processed frames,
 * personal-session timelines, tombstones) is scanned for their id, name and e-mail address; counts stay.
 */
@QuarkusTest
class UserErasureIT {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @Inject
    UserErasure erasure;

    @Inject
    LiveStateStore store;

    @Inject
    AgroalDataSource database;

    @Inject
    RedisDataSource redis;

    private final String tenant = TestSupport.tenant();
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID teacher = UUID.randomUUID();
    private final String name = "Ada Lovelace-" + UUID.randomUUID().toString().substring(0, 8);
    private final String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@school.test";
    private final String classId = "class-" + UUID.randomUUID();

    private String teacherToken() {
        return token(teacher, tenant, "TEACHER");
    }

    @Test
    void nothingNamesADeletedUserAnyMore() throws Throwable {
        UUID ended = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        String personal;
        try (var kafka = new KafkaCompanion(KAFKA)) {
            // an ended session with final records and an override whose reason names Ada
            startWithFrames(kafka, ended);
            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionEnded(tenant, ended, classId, START, START.plusSeconds(60)));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(teacherToken())
                            .get("/api/tracking/sessions/{id}/attendance", ended)
                            .then()
                            .body("", hasSize(2)));
            given().auth()
                    .oauth2(teacherToken())
                    .contentType(ContentType.JSON)
                    .body(Map.of("status", "PRESENT", "reason", name + " (" + email + ") was at the nurse's"))
                    .put("/api/tracking/sessions/{id}/attendance/{user}", ended, ada)
                    .then()
                    .statusCode(200);
            // a running session that saw Ada, by a camera and by her webcam (whose frame ids name her)
            startWithFrames(kafka, running);
            // her personal session, with webcam samples on its timeline
            personal = given().auth()
                    .oauth2(token(ada, tenant, "STUDENT"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("title", "Homework of " + name))
                    .post("/api/tracking/personal-sessions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            produce(
                    kafka,
                    "vision.observations.v1",
                    "webcam:" + ada,
                    frame(
                            tenant,
                            "webcam:" + ada,
                            UUID.fromString(personal),
                            ada,
                            Instant.now(),
                            List.of(Face.of(ada, true))));
            String timeline = "tracking:timeline:" + personal;
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> redis.list(String.class).llen(timeline) == 1);
        }

        // events naming Ada wait in the outbox while the broker is away: the erasure drops them
        try (var broker = KafkaBroker.stop()) {
            given().auth()
                    .oauth2(token(ada, tenant, "STUDENT"))
                    .contentType(ContentType.JSON)
                    .body("{}")
                    .post("/api/tracking/personal-sessions/{id}/pause", personal)
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(teacherToken())
                    .contentType(ContentType.JSON)
                    .body(Map.of("status", "ABSENT", "reason", "second thoughts"))
                    .put("/api/tracking/sessions/{id}/attendance/{user}", ended, ada)
                    .then()
                    .statusCode(200);
            assertThat(occurrences(ada.toString())).anyMatch(where -> where.startsWith("outbox"));
            VertxContextSupport.subscribeAndAwait(() -> erasure.erase(tenant, ada));
        }

        for (String needle : List.of(ada.toString(), name, email)) {
            assertThat(occurrences(needle)).as(needle).isEmpty();
        }

        // the numbers stay: the ended session keeps two records, the running one two students
        given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/sessions/{id}/attendance", ended)
                .then()
                .body("", hasSize(2))
                .body("userId", hasItem(bob.toString()))
                .body("findAll { it.userId == null }", hasSize(1));
        given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/sessions/{id}", running)
                .then()
                .body("students", hasSize(2))
                .body("students.userId", not(hasItem(ada.toString())))
                .body("students.findAll { it.presentNow }", hasSize(2));
        // a deleted user's token that still lives cannot start anything new
        given().auth()
                .oauth2(token(ada, tenant, "STUDENT"))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/tracking/personal-sessions")
                .then()
                .statusCode(401);

        // a late frame that still recognises her is an unknown face, and a late start does not name her
        try (var kafka = new KafkaCompanion(KAFKA)) {
            produce(
                    kafka,
                    "vision.observations.v1",
                    "cam-a",
                    frame(tenant, "cam-a", running, null, START.plusSeconds(30), List.of(Face.of(ada, true))));
            UUID late = UUID.randomUUID();
            produce(
                    kafka,
                    "classroom.sessions.v1",
                    classId,
                    TestSupport.sessionStarted(tenant, late, classId, teacher, List.of(ada, bob), START));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(teacherToken())
                            .get("/api/tracking/sessions/{id}", running)
                            .then()
                            .body("unknownFaceObservations", equalTo(1)));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().auth()
                            .oauth2(teacherToken())
                            .get("/api/tracking/sessions/{id}", late)
                            .then()
                            .statusCode(200)
                            .body("students", hasSize(2)));

            // the teacher is deleted too, through the topic this time
            produce(kafka, "auth.users.v1", teacher.toString(), """
                    {"eventId":"%s","type":"UserDeleted","occurredAt":"2026-03-03T10:00:00Z","tenantId":"%s",
                     "userId":"%s"}
                    """.formatted(UUID.randomUUID(), tenant, teacher));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> assertThat(occurrences(teacher.toString())).isEmpty());
        }
        for (String needle : List.of(ada.toString(), name, email)) {
            assertThat(occurrences(needle)).as(needle).isEmpty();
        }
        given().auth()
                .oauth2(token(UUID.randomUUID(), tenant, "ADMIN"))
                .get("/api/tracking/classes/{id}/attendance", classId)
                .then()
                .statusCode(200)
                .body("", hasSize(2));
    }

    @Test
    void anEarlierVersionsTombstonesNameNobodyAfterAStart() throws Throwable {
        // the previous version kept the id itself, and left the user in the live sessions
        String key = LiveStateStore.deletedUsersKey(tenant);
        UUID sessionId = UUID.randomUUID();
        try (var kafka = new KafkaCompanion(KAFKA)) {
            startWithFrames(kafka, sessionId);
        }
        redis.set(String.class).sadd(key, ada.toString());

        VertxContextSupport.subscribeAndAwait(() -> store.eraseLegacyTombstones());

        assertThat(redis.set(String.class).smembers(key))
                .containsExactly(LiveStateStore.tombstone(tenant, ada.toString()));
        assertThat(occurrences(ada.toString())).noneMatch(where -> where.startsWith("redis"));
        given().auth()
                .oauth2(teacherToken())
                .get("/api/tracking/sessions/{id}", sessionId)
                .then()
                .body("students", hasSize(2))
                .body("students.userId", not(hasItem(ada.toString())));
    }

    private void startWithFrames(KafkaCompanion kafka, UUID sessionId) {
        produce(
                kafka,
                "classroom.sessions.v1",
                classId,
                TestSupport.sessionStarted(tenant, sessionId, classId, teacher, List.of(ada, bob), START));
        produce(
                kafka,
                "vision.observations.v1",
                "cam-a",
                frame(
                        tenant,
                        "cam-a",
                        sessionId,
                        null,
                        START.plusSeconds(1),
                        List.of(Face.of(ada, true), Face.of(bob, true))));
        produce(
                kafka,
                "vision.observations.v1",
                "webcam:" + ada,
                frame(tenant, "webcam:" + ada, sessionId, ada, START.plusSeconds(2), List.of(Face.of(ada, true))));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(teacherToken())
                        .get("/api/tracking/sessions/{id}", sessionId)
                        .then()
                        .statusCode(200)
                        .body("frames", equalTo(2)));
    }

    /** Where the text occurs: "table" for each PostgreSQL table with a row containing it, "redis key" for keys. */
    private List<String> occurrences(String needle) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection
                    .createStatement()
                    .executeQuery("select table_name from information_schema.tables where table_schema = "
                            + "current_schema() and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (var statement = connection.prepareStatement(
                        "select count(*) from \"" + table + "\" t where position(? in t::text) > 0")) {
                    statement.setString(1, needle);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(table);
                        }
                    }
                }
            }
        }
        for (String key : redis.key().scan(new KeyScanArgs().count(1000)).toIterable()) {
            String content = switch (redis.key().type(key)) {
                case HASH -> redis.hash(String.class).hgetall(key).toString();
                case SET -> redis.set(String.class).smembers(key).toString();
                case LIST -> redis.list(String.class).lrange(key, 0, -1).toString();
                case STRING -> String.valueOf(redis.value(String.class).get(key));
                case ZSET -> redis.sortedSet(String.class).zrange(key, 0, -1).toString();
                default -> "";
            };
            if (key.contains(needle) || content.contains(needle)) {
                found.add("redis " + key);
            }
        }
        return found;
    }
}
