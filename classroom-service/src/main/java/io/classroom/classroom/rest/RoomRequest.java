package io.classroom.classroom.rest;

import io.classroom.classroom.service.RoomDetails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A room and the ids of its cameras (as registered in camera-ingest-service). */
public record RoomRequest(
        @Schema(example = "Room A") @NotBlank @Size(max = 120)
        String name,

        @Schema(example = "Building B, 2nd floor") @Size(max = 200)
        String location,

        @Schema(example = "[\"cam-front\", \"cam-back\"]") @Size(max = 32)
        List<@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String> cameraIds) {

    public RoomDetails toDetails() {
        return new RoomDetails(name, location, cameraIds);
    }
}
