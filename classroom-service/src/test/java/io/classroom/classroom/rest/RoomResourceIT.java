package io.classroom.classroom.rest;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.classBody;
import static io.classroom.classroom.ClassroomApi.createRoom;
import static io.classroom.classroom.ClassroomApi.problem;
import static io.classroom.classroom.ClassroomApi.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.classroom.classroom.ClassroomApi.User;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoomResourceIT {

    private final String tenant = TestTokens.newTenant();
    private final User admin = user(tenant, "ADMIN");
    private final User teacher = user(tenant, "TEACHER");

    @Test
    void adminsCreateUpdateAndDeleteRoomsTeachersReadThem() {
        var roomId = createRoom(admin, "Room B", "cam-1", "cam-2", "cam-1");
        as(teacher)
                .get("/api/classroom/rooms/" + roomId)
                .then()
                .statusCode(200)
                .body("name", equalTo("Room B"))
                .body("cameraIds", equalTo(List.of("cam-1", "cam-2")));
        as(admin)
                .body(Map.of("name", "Room B2", "location", "2nd floor", "cameraIds", List.of("cam-3")))
                .put("/api/classroom/rooms/" + roomId)
                .then()
                .statusCode(200)
                .body("name", equalTo("Room B2"))
                .body("location", equalTo("2nd floor"))
                .body("cameraIds", equalTo(List.of("cam-3")));
        createRoom(admin, "Auditorium");
        as(teacher)
                .get("/api/classroom/rooms")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.name", equalTo(List.of("Auditorium", "Room B2")));

        // A class using the room as default room loses it with the room.
        var body = new HashMap<>(classBody("Physics"));
        body.put("defaultRoomId", roomId);
        String classId = as(teacher)
                .body(body)
                .post("/api/classroom/classes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(admin).delete("/api/classroom/rooms/" + roomId).then().statusCode(204);
        problem(as(teacher).get("/api/classroom/rooms/" + roomId).then(), 404);
        problem(as(admin).delete("/api/classroom/rooms/" + roomId).then(), 404);
        as(teacher).get("/api/classroom/classes/" + classId).then().body("defaultRoomId", nullValue());
    }

    @Test
    void teachersCannotCreateChangeOrDeleteRoomsAndNothingChanges() {
        var roomId = createRoom(admin, "Room C", "cam-c");
        problem(
                as(teacher)
                        .body(Map.of("name", "Mine", "cameraIds", List.of("cam-of-another-room")))
                        .post("/api/classroom/rooms")
                        .then(),
                403);
        problem(
                as(teacher)
                        .body(Map.of("name", "Mine", "cameraIds", List.of("cam-of-another-room")))
                        .put("/api/classroom/rooms/" + roomId)
                        .then(),
                403);
        problem(as(teacher).delete("/api/classroom/rooms/" + roomId).then(), 403);
        as(teacher)
                .get("/api/classroom/rooms")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].name", equalTo("Room C"))
                .body("items[0].cameraIds", equalTo(List.of("cam-c")));
    }

    @Test
    void invalidRoomsAndOtherTenantsRoomsAreRejected() {
        problem(as(admin).body(Map.of("name", "")).post("/api/classroom/rooms").then(), 400);
        problem(
                as(admin)
                        .body(Map.of("name", "Lab", "cameraIds", List.of("cam 1; drop")))
                        .post("/api/classroom/rooms")
                        .then(),
                400);
        problem(
                as(admin)
                        .body(Map.of("name", "Lab", "cameraIds", List.of("x".repeat(65))))
                        .post("/api/classroom/rooms")
                        .then(),
                400);
        problem(as(user(tenant, "STUDENT")).get("/api/classroom/rooms").then(), 403);

        var roomId = createRoom(admin, "Lab", "cam-lab");
        var outsider = user(TestTokens.newTenant(), "ADMIN");
        problem(as(outsider).get("/api/classroom/rooms/" + roomId).then(), 404);
        problem(
                as(outsider)
                        .body(Map.of("name", "Mine"))
                        .put("/api/classroom/rooms/" + roomId)
                        .then(),
                404);
        problem(as(outsider).delete("/api/classroom/rooms/" + roomId).then(), 404);
        as(outsider).get("/api/classroom/rooms").then().body("total", equalTo(0));
        problem(as(teacher).get("/api/classroom/rooms/" + UUID.randomUUID()).then(), 404);
        as(teacher).get("/api/classroom/rooms/" + roomId).then().statusCode(200).body("name", equalTo("Lab"));
    }
}
