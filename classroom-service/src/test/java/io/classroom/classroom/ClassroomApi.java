package io.classroom.classroom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.classroom.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** REST calls shared by the tests. */
public final class ClassroomApi {

    private ClassroomApi() {}

    /** A user of a tenant, with an access token for the given roles. */
    public record User(String userId, String token) {}

    public static User user(String tenantId, String... roles) {
        var userId = UUID.randomUUID().toString();
        return new User(userId, TestTokens.token(tenantId, userId, roles));
    }

    /** The name a roster shows for a user auth-service never announced: the token's {@code upn}. */
    public static String upn(String tenantId, User user) {
        return "user-" + user.userId().substring(0, 8) + "@" + tenantId + ".example";
    }

    public static RequestSpecification as(User user) {
        return given().header("Authorization", "Bearer " + user.token()).contentType(ContentType.JSON);
    }

    public static Map<String, Object> classBody(String title) {
        return Map.of(
                "title",
                title,
                "description",
                "Mechanics",
                "schedule",
                Map.of(
                        "startTime",
                        "08:00",
                        "durationMinutes",
                        45,
                        "days",
                        List.of("MONDAY"),
                        "timeZone",
                        "Europe/Paris"));
    }

    /** Creates a class as {@code teacher}; answers its id. */
    public static String createClass(User teacher, String title) {
        return as(teacher)
                .body(classBody(title))
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String joinCode(User teacher, String classId) {
        return as(teacher)
                .get("/api/classroom/classes/" + classId)
                .then()
                .statusCode(200)
                .extract()
                .path("joinCode");
    }

    public static void join(User student, String joinCode) {
        as(student)
                .body(Map.of("joinCode", joinCode))
                .post("/api/classroom/classes/join")
                .then()
                .statusCode(200);
    }

    /** Creates a room as {@code admin} (rooms and their cameras are the admins'); answers its id. */
    public static String createRoom(User admin, String name, String... cameraIds) {
        return as(admin)
                .body(Map.of("name", name, "cameraIds", List.of(cameraIds)))
                .post("/api/classroom/rooms")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Asserts a problem+json refusal with this status and the fields every problem carries. */
    public static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("type", notNullValue())
                .body("detail", notNullValue());
    }
}
