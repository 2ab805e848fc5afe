package io.classroom.classroom;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** REST calls shared by the tests. */
public final class ClassroomApi {

    private ClassroomApi() {}

    public static RequestSpecification as(Tokens user) {
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON);
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
                        java.util.List.of("MONDAY"),
                        "timeZone",
                        "Europe/Paris"));
    }

    /** Creates a class as {@code teacher}; answers its id. */
    public static String createClass(Tokens teacher, String title) {
        return as(teacher)
                .body(classBody(title))
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String joinCode(Tokens teacher, String classId) {
        return as(teacher)
                .get("/api/classroom/classes/" + classId)
                .then()
                .statusCode(200)
                .extract()
                .path("joinCode");
    }

    public static void join(Tokens student, String joinCode) {
        as(student)
                .body(Map.of("joinCode", joinCode))
                .post("/api/classroom/classes/join")
                .then()
                .statusCode(200);
    }

    public static String createRoom(Tokens teacher, String name, String... cameraIds) {
        return as(teacher)
                .body(Map.of("name", name, "cameraIds", java.util.List.of(cameraIds)))
                .post("/api/classroom/rooms")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
