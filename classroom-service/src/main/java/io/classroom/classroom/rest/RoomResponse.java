package io.classroom.classroom.rest;

import io.classroom.classroom.Room;
import java.time.Instant;
import java.util.List;

/** A room with its camera ids. */
public record RoomResponse(
        String id, String name, String location, List<String> cameraIds, Instant createdAt, Instant updatedAt) {

    public static RoomResponse of(Room r) {
        return new RoomResponse(r.id, r.name, r.location, r.cameraIds, r.createdAt, r.updatedAt);
    }
}
