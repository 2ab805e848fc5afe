package io.classroom.classroom.rest;

import io.classroom.classroom.service.ClassDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A class as created or replaced by its teacher. */
public record ClassRequest(
        @Schema(example = "Physics 101") @NotBlank @Size(max = 200)
        String title,

        @Schema(example = "Mechanics and thermodynamics for first-year students") @Size(max = 2000)
        String description,

        @NotNull @Valid ScheduleDto schedule,

        @Schema(
                description = "room whose cameras a session uses unless activation names another",
                example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b")
        @Size(max = 64)
        String defaultRoomId,

        @Schema(description = "percent of engaged time for PRESENT; default from configuration (75)", example = "75")
        @Min(1)
        @Max(100)
        Integer attendanceThreshold,

        @Schema(description = "minutes a student may arrive late; default from configuration", example = "10")
        @Min(0)
        @Max(240)
        Integer lateGraceMinutes) {

    public ClassDetails toDetails() {
        return new ClassDetails(
                title, description, schedule.toDomain(), defaultRoomId, attendanceThreshold, lateGraceMinutes);
    }
}
