package io.classroom.classroom.rest;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.classBody;
import static io.classroom.classroom.ClassroomApi.createClass;
import static io.classroom.classroom.ClassroomApi.join;
import static io.classroom.classroom.ClassroomApi.joinCode;
import static io.classroom.classroom.ClassroomApi.problem;
import static io.classroom.classroom.ClassroomApi.upn;
import static io.classroom.classroom.ClassroomApi.user;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.classroom.classroom.ClassroomApi.User;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClassResourceIT {

    private final String tenant = TestTokens.newTenant();
    private final User teacher = user(tenant, "TEACHER");
    private final User student = user(tenant, "STUDENT");

    @Test
    void teacherCreatesAClassWithAJoinCodeAndDefaults() {
        as(teacher)
                .body(classBody("Physics 101"))
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/classroom/classes/"))
                .body("title", equalTo("Physics 101"))
                .body("teacherId", equalTo(teacher.userId()))
                .body("joinCode", matchesPattern("[A-Z2-9]{8}"))
                .body("attendanceThreshold", equalTo(75))
                .body("lateGraceMinutes", equalTo(5))
                .body("schedule.startTime", equalTo("08:00:00"))
                .body("schedule.durationMinutes", equalTo(45))
                .body("schedule.days", equalTo(List.of("MONDAY")))
                .body("schedule.timeZone", equalTo("Europe/Paris"))
                .body("archived", equalTo(false))
                .body("studentCount", equalTo(0))
                .body("activeSessionId", nullValue());
    }

    @Test
    void onlyTeachersCreateClassesAndAnonymousCallersAreRejected() {
        problem(
                as(student)
                        .body(classBody("Nope"))
                        .post("/api/classroom/classes")
                        .then(),
                403);
        problem(
                given().contentType("application/json")
                        .body(classBody("Nope"))
                        .post("/api/classroom/classes")
                        .then(),
                401);
        problem(
                given().header("Authorization", "Bearer not.a.token")
                        .get("/api/classroom/classes")
                        .then(),
                401);
        var forged = teacher.token().substring(0, teacher.token().lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        problem(
                given().header("Authorization", "Bearer " + forged)
                        .get("/api/classroom/classes")
                        .then(),
                401);
    }

    @Test
    void invalidClassesAreRejectedWithProblems() {
        problem(post(with("schedule", schedule("08:00", 45, "Mars/Olympus_Mons"))), 400)
                .body("type", equalTo("urn:classroom:problem:invalid-schedule"));
        problem(post(with("schedule", schedule("25:61", 45, "Europe/Paris"))), 400);
        problem(post(with("schedule", schedule("08:00", 0, "Europe/Paris"))), 400);
        problem(post(with("schedule", schedule("08:00", 45, ""))), 400);
        problem(post(with("schedule", null)), 400);
        problem(post(with("title", " ")), 400);
        problem(post(with("attendanceThreshold", 101)), 400);
        problem(post(with("attendanceThreshold", 0)), 400);
        problem(post(with("lateGraceMinutes", -1)), 400);
        problem(post(with("defaultRoomId", UUID.randomUUID().toString())), 422)
                .body("type", equalTo("urn:classroom:problem:unknown-room"));
        problem(as(teacher).body("{\"title\": ").post("/api/classroom/classes").then(), 400);
        problem(as(teacher).body("[]").post("/api/classroom/classes").then(), 400);
    }

    @Test
    void studentsJoinIdempotentlyAndTeachersSeeTheRoster() {
        var classId = createClass(teacher, "Chemistry");
        var code = joinCode(teacher, classId);

        join(student, code.toLowerCase());
        as(student)
                .body(Map.of("joinCode", " " + code + " "))
                .post("/api/classroom/classes/join")
                .then()
                .statusCode(200)
                .body("id", equalTo(classId))
                .body("joinCode", nullValue())
                .body("studentCount", equalTo(1));

        as(teacher)
                .get("/api/classroom/classes/" + classId + "/roster")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].userId", equalTo(student.userId()))
                .body("[0].displayName", equalTo(upn(tenant, student)))
                .body("[0].joinedAt", notNullValue());

        as(student)
                .get("/api/classroom/classes")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(classId))
                .body("items[0].joinCode", nullValue());
        as(student).get("/api/classroom/classes/" + classId).then().statusCode(200);
        problem(as(student).get("/api/classroom/classes/" + classId + "/roster").then(), 403);
        problem(
                as(student)
                        .body(Map.of("joinCode", "NOSUCHCODE"))
                        .post("/api/classroom/classes/join")
                        .then(),
                404);
        problem(as(student).body(Map.of()).post("/api/classroom/classes/join").then(), 400);
        problem(
                as(teacher)
                        .body(Map.of("joinCode", code))
                        .post("/api/classroom/classes/join")
                        .then(),
                403);
    }

    @Test
    void myClassesDependOnTheRole() {
        var mine = createClass(teacher, "Algebra");
        var colleague = user(tenant, "TEACHER");
        var theirs = createClass(colleague, "Biology");
        var admin = user(tenant, "ADMIN");

        as(teacher)
                .get("/api/classroom/classes")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", equalTo(List.of(mine)));
        as(admin)
                .get("/api/classroom/classes")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", equalTo(List.of(mine, theirs)))
                .body("items[0].joinCode", notNullValue());
        as(student).get("/api/classroom/classes").then().statusCode(200).body("total", equalTo(0));
        as(admin)
                .queryParam("size", 1)
                .queryParam("page", 1)
                .get("/api/classroom/classes")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(theirs)))
                .body("page", equalTo(1))
                .body("size", equalTo(1));
        // Another teacher's class does not exist for this teacher.
        problem(as(teacher).get("/api/classroom/classes/" + theirs).then(), 404);
        problem(as(teacher).get("/api/classroom/classes/" + theirs + "/roster").then(), 404);
        // A student of one class sees nothing of another.
        join(student, joinCode(teacher, mine));
        problem(as(student).get("/api/classroom/classes/" + theirs).then(), 404);
        problem(as(student).get("/api/classroom/classes/" + theirs + "/roster").then(), 403);
    }

    @Test
    void theStudentFilterTellsWhetherTheCallerTeachesTheStudent() {
        var mine = createClass(teacher, "Algebra");
        var colleague = user(tenant, "TEACHER");
        var theirs = createClass(colleague, "Biology");
        var admin = user(tenant, "ADMIN");
        join(student, joinCode(colleague, theirs));

        assertOnRosters(teacher, student.userId(), List.of());
        assertOnRosters(colleague, student.userId(), List.of(theirs));
        assertOnRosters(admin, student.userId(), List.of(theirs));
        join(student, joinCode(teacher, mine));
        assertOnRosters(teacher, student.userId(), List.of(mine));
        assertOnRosters(student, student.userId(), List.of(mine, theirs));
        assertOnRosters(user(TestTokens.newTenant(), "ADMIN"), student.userId(), List.of());
        assertOnRosters(teacher, UUID.randomUUID().toString(), List.of());
        // Upper case is the same id.
        assertOnRosters(teacher, student.userId().toUpperCase(), List.of(mine));
        // A teacher attending a class beside the student does not teach them.
        var teachingStudent = user(tenant, "TEACHER", "STUDENT");
        join(teachingStudent, joinCode(colleague, theirs));
        assertOnRosters(teachingStudent, student.userId(), List.of());
        assertOnRosters(teachingStudent, teachingStudent.userId(), List.of(theirs));

        problem(
                as(student)
                        .queryParam("student", user(tenant, "STUDENT").userId())
                        .get("/api/classroom/classes")
                        .then(),
                403);
        for (var bad : List.of("not-a-uuid", "{\"$ne\": null}")) {
            problem(
                            as(teacher)
                                    .queryParam("student", bad)
                                    .get("/api/classroom/classes")
                                    .then(),
                            400)
                    .body("type", equalTo("urn:classroom:problem:invalid-student"));
        }

        // Archived classes count only when asked for.
        as(teacher).post("/api/classroom/classes/" + mine + "/archive").then().statusCode(200);
        assertOnRosters(teacher, student.userId(), List.of());
        as(teacher)
                .queryParam("student", student.userId())
                .queryParam("includeArchived", true)
                .get("/api/classroom/classes")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(mine)));
    }

    private static void assertOnRosters(User caller, String studentId, List<String> classIds) {
        as(caller)
                .queryParam("student", studentId)
                .get("/api/classroom/classes")
                .then()
                .statusCode(200)
                .body("total", equalTo(classIds.size()))
                .body("items.id", equalTo(classIds));
    }

    @Test
    void searchTextIsMatchedLiterallyNeverAsAnOperator() {
        createClass(teacher, "Physics (advanced)");
        createClass(teacher, "History");
        as(teacher)
                .queryParam("q", "physics (")
                .get("/api/classroom/classes")
                .then()
                .body("total", equalTo(1));
        for (var injection : List.of("{\"$gt\": \"\"}", "{\"$ne\": null}", ".*", "$where")) {
            as(teacher)
                    .queryParam("q", injection)
                    .get("/api/classroom/classes")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(0));
        }
        problem(
                as(teacher)
                        .queryParam("size", 1000)
                        .get("/api/classroom/classes")
                        .then(),
                400);
        problem(as(teacher).queryParam("page", -1).get("/api/classroom/classes").then(), 400);
    }

    @Test
    void anotherTenantsClassIsNotFound() {
        var classId = createClass(teacher, "Geography");
        var code = joinCode(teacher, classId);
        var otherTenant = TestTokens.newTenant();
        var outsider = user(otherTenant, "TEACHER");
        var outsiderAdmin = user(otherTenant, "ADMIN");
        var outsiderStudent = user(otherTenant, "STUDENT");

        problem(as(outsider).get("/api/classroom/classes/" + classId).then(), 404);
        problem(as(outsiderAdmin).get("/api/classroom/classes/" + classId).then(), 404);
        problem(
                as(outsiderAdmin)
                        .get("/api/classroom/classes/" + classId + "/roster")
                        .then(),
                404);
        problem(
                as(outsiderAdmin)
                        .body(classBody("Stolen"))
                        .put("/api/classroom/classes/" + classId)
                        .then(),
                404);
        problem(as(outsiderAdmin).delete("/api/classroom/classes/" + classId).then(), 404);
        problem(
                as(outsiderAdmin)
                        .post("/api/classroom/classes/" + classId + "/archive")
                        .then(),
                404);
        problem(
                as(outsiderStudent)
                        .body(Map.of("joinCode", code))
                        .post("/api/classroom/classes/join")
                        .then(),
                404);
        as(outsiderAdmin).get("/api/classroom/classes").then().body("total", equalTo(0));
        // Still intact for its owner.
        as(teacher)
                .get("/api/classroom/classes/" + classId)
                .then()
                .statusCode(200)
                .body("title", equalTo("Geography"));
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        problem(as(teacher).get("/api/classroom/classes/" + UUID.randomUUID()).then(), 404);
        problem(as(teacher).get("/api/classroom/classes/not-a-uuid").then(), 404);
        problem(
                as(teacher)
                        .urlEncodingEnabled(false)
                        .get("/api/classroom/classes/%7B%22%24ne%22%3Anull%7D")
                        .then(),
                404);
        problem(
                as(teacher)
                        .put("/api/classroom/classes/" + UUID.randomUUID() + "/students/x")
                        .then(),
                404);
    }

    @Test
    void teachersUpdateArchiveAndDeleteTheirClasses() {
        var classId = createClass(teacher, "Literature");
        var code = joinCode(teacher, classId);
        var body = new HashMap<>(classBody("Literature II"));
        body.put("attendanceThreshold", 60);
        as(teacher)
                .body(body)
                .put("/api/classroom/classes/" + classId)
                .then()
                .statusCode(200)
                .body("title", equalTo("Literature II"))
                .body("attendanceThreshold", equalTo(60))
                .body("joinCode", equalTo(code));
        join(student, code);
        problem(as(student).body(body).put("/api/classroom/classes/" + classId).then(), 403);
        problem(
                as(student)
                        .post("/api/classroom/classes/" + classId + "/archive")
                        .then(),
                403);

        as(teacher)
                .post("/api/classroom/classes/" + classId + "/archive")
                .then()
                .statusCode(200)
                .body("archived", equalTo(true));
        as(teacher)
                .post("/api/classroom/classes/" + classId + "/archive")
                .then()
                .statusCode(200);
        var late = user(tenant, "STUDENT");
        problem(
                        as(late).body(Map.of("joinCode", code))
                                .post("/api/classroom/classes/join")
                                .then(),
                        409)
                .body("type", equalTo("urn:classroom:problem:class-archived"));
        // An archived class leaves "my classes" unless asked for.
        as(teacher).get("/api/classroom/classes").then().body("total", equalTo(0));
        as(teacher)
                .queryParam("includeArchived", true)
                .get("/api/classroom/classes")
                .then()
                .body("total", equalTo(1));

        as(teacher).delete("/api/classroom/classes/" + classId).then().statusCode(204);
        problem(as(teacher).get("/api/classroom/classes/" + classId).then(), 404);
    }

    @Test
    void teachersAddAndRemoveStudentsAndStudentsMayLeave() {
        var classId = createClass(teacher, "Music");
        var other = user(tenant, "STUDENT");
        var roster = "/api/classroom/classes/" + classId + "/students/";

        as(teacher).put(roster + student.userId()).then().statusCode(200).body("userId", hasItem(student.userId()));
        as(teacher).put(roster + student.userId()).then().statusCode(200).body("$", hasSize(1));
        as(teacher).put(roster + other.userId()).then().statusCode(200).body("$", hasSize(2));
        problem(as(student).put(roster + student.userId()).then(), 403);
        problem(as(student).delete(roster + other.userId()).then(), 403);

        as(student).delete(roster + student.userId()).then().statusCode(204);
        as(teacher).delete(roster + other.userId()).then().statusCode(204);
        as(teacher).delete(roster + other.userId()).then().statusCode(204);
        as(teacher)
                .get("/api/classroom/classes/" + classId + "/roster")
                .then()
                .statusCode(200)
                .body("userId", not(hasItem(student.userId())))
                .body("$", hasSize(0));
    }

    private ValidatableResponse post(Map<String, Object> body) {
        return as(teacher).body(body).post("/api/classroom/classes").then();
    }

    private static Map<String, Object> with(String field, Object value) {
        var body = new HashMap<>(classBody("Invalid"));
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> schedule(String startTime, int durationMinutes, String zone) {
        return Map.of("startTime", startTime, "durationMinutes", durationMinutes, "timeZone", zone);
    }
}
