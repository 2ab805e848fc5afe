package io.classroom.classroom.rest;

import io.classroom.classroom.Room;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A room with its camera ids. */
public record RoomResponse(
        @Schema(example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b")
        String id,

        @Schema(example = "Room A") String name,
        @Schema(example = "Building B, 2nd floor") String location,
        @Schema(example = "[\"cam-front\", \"cam-back\"]") List<String> cameraIds,
        @Schema(example = "2026-08-20T10:00:00Z") Instant createdAt,
        @Schema(example = "2026-08-27T16:45:00Z") Instant updatedAt) {

    public static RoomResponse of(Room r) {
        return new RoomResponse(r.id, r.name, r.location, r.cameraIds, r.createdAt, r.updatedAt);
    }
}
