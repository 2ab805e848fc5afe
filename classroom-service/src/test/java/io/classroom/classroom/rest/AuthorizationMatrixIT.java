package io.classroom.classroom.rest;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.classBody;
import static io.classroom.classroom.ClassroomApi.createRoom;
import static io.classroom.classroom.ClassroomApi.join;
import static io.classroom.classroom.ClassroomApi.joinCode;
import static io.classroom.classroom.ClassroomApi.problem;
import static io.classroom.classroom.ClassroomApi.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.classroom.classroom.ClassroomApi.User;
import io.classroom.classroom.repository.CameraClaimRepository;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.classroom.repository.KnownUserRepository;
import io.classroom.classroom.repository.RoomRepository;
import io.classroom.testing.TestTokens;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of the OpenAPI document, called as every kind of principal, each cell on objects of its own: the
 * expected status per principal, a problem+json body for every refusal, and nothing stored changed by a refused call
 * (or by any call of another tenant's user). Listings also say whose page shows the object.
 */
@QuarkusTest
class AuthorizationMatrixIT {

    private static final Duration HANG = Duration.ofSeconds(60);

    /** The principals of every row, in the order of its statuses. */
    enum Who {
        ANONYMOUS,
        /** A student enrolled in the class. */
        STUDENT_OWNER,
        /** A student of the tenant, not enrolled. */
        STUDENT_OTHER,
        /** The class's teacher. */
        TEACHER_OWNER,
        /** Another teacher of the tenant. */
        TEACHER_OTHER,
        ADMIN,
        /** A user of another tenant holding every role: only tenant isolation stops them. */
        OTHER_TENANT
    }

    /** The objects of one cell: a room (admin's) with a camera, a class in it with two students, maybe a session. */
    static final class Fixture {
        final String tenant = TestTokens.newTenant();
        final User admin = user(tenant, "ADMIN");
        final User teacher = user(tenant, "TEACHER");
        final User otherTeacher = user(tenant, "TEACHER");
        final User student = user(tenant, "STUDENT");
        final User otherStudent = user(tenant, "STUDENT");
        final User classmate = user(tenant, "STUDENT");
        final User outsider = user(TestTokens.newTenant(), "ADMIN", "TEACHER", "STUDENT");
        final String roomId;
        final String classId;
        final String joinCode;
        String sessionId;

        Fixture(boolean withSession) {
            roomId = createRoom(admin, "Room", "cam-" + UUID.randomUUID());
            var body = new HashMap<>(classBody("Physics"));
            body.put("defaultRoomId", roomId);
            classId = as(teacher)
                    .body(body)
                    .post("/api/classroom/classes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            joinCode = joinCode(teacher, classId);
            join(student, joinCode);
            join(classmate, joinCode);
            if (withSession) {
                sessionId = as(teacher)
                        .post("/api/classroom/classes/" + classId + "/sessions")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                // The relay empties the outbox moments later: wait, so that the snapshot stays still.
                await().atMost(HANG)
                        .until(() -> as(teacher)
                                .get("/api/classroom/sessions/" + sessionId)
                                .then()
                                .extract()
                                .<Boolean>path("eventsPublished"));
            }
        }

        RequestSpecification request(Who who) {
            return switch (who) {
                case ANONYMOUS -> given().contentType(ContentType.JSON);
                case STUDENT_OWNER -> as(student);
                case STUDENT_OTHER -> as(otherStudent);
                case TEACHER_OWNER -> as(teacher);
                case TEACHER_OTHER -> as(otherTeacher);
                case ADMIN -> as(admin);
                case OTHER_TENANT -> as(outsider);
            };
        }
    }

    /**
     * One operation ({@code METHOD /path} as in the OpenAPI document) in one variant: how to call it, the status
     * each principal gets, whether the cell needs a running session, and for listings the object a page shows to
     * {@code seenBy} and to nobody else.
     */
    record Row(
            String operation,
            String variant,
            boolean withSession,
            BiFunction<RequestSpecification, Fixture, Response> call,
            Map<Who, Integer> expected,
            Function<Fixture, String> listed,
            Set<Who> seenBy) {

        String name() {
            return variant.isEmpty() ? operation : operation + " (" + variant + ")";
        }

        Row onASession() {
            return new Row(operation, variant, true, call, expected, listed, seenBy);
        }

        Row listing(Function<Fixture, String> object, Who... seeing) {
            return new Row(operation, variant, withSession, call, expected, object, Set.of(seeing));
        }
    }

    private static Row row(
            String operation,
            String variant,
            String statuses,
            BiFunction<RequestSpecification, Fixture, Response> call) {
        var codes = statuses.split(" ");
        var expected = new EnumMap<Who, Integer>(Who.class);
        for (var who : Who.values()) {
            expected.put(who, Integer.parseInt(codes[who.ordinal()]));
        }
        return new Row(operation, variant, false, call, expected, null, Set.of());
    }

    private static final String CLASSES = "/api/classroom/classes";
    private static final String ROOMS = "/api/classroom/rooms";
    private static final String SESSIONS = "/api/classroom/sessions";
    private static final Map<String, Object> ROOM = Map.of("name", "Mine", "cameraIds", List.of("cam-of-another-room"));

    // One row per operation (and variant); statuses as: anonymous, student enrolled in the class, another student,
    // the class's teacher, another teacher, admin, a user of another tenant holding every role.
    private static final List<Row> ROWS = List.of(
            row(
                    "POST " + CLASSES,
                    "",
                    "401 403 403 201 201 403 201",
                    (r, f) -> r.body(classBody("New")).post(CLASSES)),
            row("GET " + CLASSES, "", "401 200 200 200 200 200 200", (r, f) -> r.get(CLASSES))
                    .listing(f -> f.classId, Who.STUDENT_OWNER, Who.TEACHER_OWNER, Who.ADMIN),
            row(
                            "GET " + CLASSES,
                            "student = the enrolled one",
                            "401 200 403 200 200 200 200",
                            (r, f) ->
                                    r.queryParam("student", f.student.userId()).get(CLASSES))
                    .listing(f -> f.classId, Who.STUDENT_OWNER, Who.TEACHER_OWNER, Who.ADMIN),
            row(
                    "GET " + CLASSES + "/{id}",
                    "",
                    "401 200 404 200 404 200 404",
                    (r, f) -> r.get(CLASSES + "/" + f.classId)),
            row(
                    "PUT " + CLASSES + "/{id}",
                    "",
                    "401 403 403 200 404 200 404",
                    (r, f) -> r.body(classBody("Renamed")).put(CLASSES + "/" + f.classId)),
            row(
                    "DELETE " + CLASSES + "/{id}",
                    "",
                    "401 403 403 204 404 204 404",
                    (r, f) -> r.delete(CLASSES + "/" + f.classId)),
            row(
                    "POST " + CLASSES + "/{id}/archive",
                    "",
                    "401 403 403 200 404 200 404",
                    (r, f) -> r.post(CLASSES + "/" + f.classId + "/archive")),
            row(
                    "POST " + CLASSES + "/join",
                    "",
                    "401 200 200 403 403 403 404",
                    (r, f) -> r.body(Map.of("joinCode", f.joinCode)).post(CLASSES + "/join")),
            row(
                    "GET " + CLASSES + "/{id}/roster",
                    "",
                    "401 403 403 200 404 200 404",
                    (r, f) -> r.get(CLASSES + "/" + f.classId + "/roster")),
            row(
                    "PUT " + CLASSES + "/{id}/students/{userId}",
                    "",
                    "401 403 403 200 404 200 404",
                    (r, f) -> r.put(CLASSES + "/" + f.classId + "/students/" + UUID.randomUUID())),
            row(
                    "DELETE " + CLASSES + "/{id}/students/{userId}",
                    "self",
                    "401 204 404 204 404 204 404",
                    (r, f) -> r.delete(CLASSES + "/" + f.classId + "/students/" + f.student.userId())),
            row(
                    "DELETE " + CLASSES + "/{id}/students/{userId}",
                    "a classmate",
                    "401 403 404 204 404 204 404",
                    (r, f) -> r.delete(CLASSES + "/" + f.classId + "/students/" + f.classmate.userId())),
            row(
                    "POST " + ROOMS,
                    "",
                    "401 403 403 403 403 201 201",
                    (r, f) -> r.body(ROOM).post(ROOMS)),
            row("GET " + ROOMS, "", "401 403 403 200 200 200 200", (r, f) -> r.get(ROOMS))
                    .listing(f -> f.roomId, Who.TEACHER_OWNER, Who.TEACHER_OTHER, Who.ADMIN),
            row("GET " + ROOMS + "/{id}", "", "401 403 403 200 200 200 404", (r, f) -> r.get(ROOMS + "/" + f.roomId)),
            row(
                    "PUT " + ROOMS + "/{id}",
                    "",
                    "401 403 403 403 403 200 404",
                    (r, f) -> r.body(ROOM).put(ROOMS + "/" + f.roomId)),
            row(
                    "DELETE " + ROOMS + "/{id}",
                    "",
                    "401 403 403 403 403 204 404",
                    (r, f) -> r.delete(ROOMS + "/" + f.roomId)),
            row(
                    "POST " + CLASSES + "/{id}/sessions",
                    "",
                    "401 403 403 201 404 201 404",
                    (r, f) -> r.post(CLASSES + "/" + f.classId + "/sessions")),
            row(
                            "GET " + CLASSES + "/{id}/sessions",
                            "",
                            "401 403 403 200 404 200 404",
                            (r, f) -> r.get(CLASSES + "/" + f.classId + "/sessions"))
                    .onASession(),
            row("GET " + SESSIONS, "", "401 403 403 200 200 200 200", (r, f) -> r.get(SESSIONS))
                    .onASession()
                    .listing(f -> f.sessionId, Who.TEACHER_OWNER, Who.ADMIN),
            row(
                            "GET " + SESSIONS + "/{sessionId}",
                            "",
                            "401 403 403 200 404 200 404",
                            (r, f) -> r.get(SESSIONS + "/" + f.sessionId))
                    .onASession(),
            row(
                            "POST " + SESSIONS + "/{sessionId}/end",
                            "",
                            "401 403 403 200 404 200 404",
                            (r, f) -> r.post(SESSIONS + "/" + f.sessionId + "/end"))
                    .onASession());

    @Inject
    ClassRepository classes;

    @Inject
    RoomRepository rooms;

    @Inject
    ClassSessionRepository sessions;

    @Inject
    CameraClaimRepository cameraClaims;

    @Inject
    KnownUserRepository knownUsers;

    static Stream<Arguments> cells() {
        return ROWS.stream().flatMap(row -> Stream.of(Who.values()).map(who -> Arguments.of(row.name(), who)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void cell(String rowName, Who who) {
        var row =
                ROWS.stream().filter(r -> r.name().equals(rowName)).findFirst().orElseThrow();
        var fixture = new Fixture(row.withSession());
        var before = stored(fixture.tenant);

        var response = row.call().apply(fixture.request(who), fixture);

        int expected = row.expected().get(who);
        if (expected >= 400) {
            problem(response.then(), expected);
        } else {
            response.then().statusCode(expected);
        }
        if (expected >= 400 || who == Who.OTHER_TENANT) {
            assertThat(stored(fixture.tenant)).as("what the tenant has stored").isEqualTo(before);
        }
        if (row.listed() != null && expected == 200) {
            List<String> ids = response.path("items.id");
            if (row.seenBy().contains(who)) {
                assertThat(ids).contains(row.listed().apply(fixture));
            } else {
                assertThat(ids).doesNotContain(row.listed().apply(fixture));
            }
        }
    }

    /** Every operation of the OpenAPI document has a row, and every row is an operation of it. */
    @Test
    void theMatrixCoversEveryOperation() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        var documented = new TreeSet<String>();
        paths.forEach((path, operations) -> {
            if (path.startsWith("/api/classroom")) {
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path));
            }
        });
        assertThat(new TreeSet<>(ROWS.stream().map(Row::operation).toList())).isEqualTo(documented);
    }

    /** The tenant's documents in every collection, by collection and id. */
    private Map<String, List<Document>> stored(String tenant) {
        var stored = new LinkedHashMap<String, List<Document>>();
        stored.put("classes", documents(classes.mongoCollection(), tenant));
        stored.put("rooms", documents(rooms.mongoCollection(), tenant));
        stored.put("sessions", documents(sessions.mongoCollection(), tenant));
        stored.put("camera_claims", documents(cameraClaims.mongoCollection(), tenant));
        stored.put("users", documents(knownUsers.mongoCollection(), tenant));
        return stored;
    }

    private static List<Document> documents(ReactiveMongoCollection<?> collection, String tenant) {
        return collection
                .withDocumentClass(Document.class)
                .find(Filters.eq("tenantId", tenant), new FindOptions().sort(Sorts.ascending("_id")))
                .collect()
                .asList()
                .await()
                .atMost(HANG);
    }
}
