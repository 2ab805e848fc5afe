package io.classroom.tracking.rest;

import io.classroom.tracking.AttendanceStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A teacher's correction of a final status. */
public record OverrideRequest(
        @NotNull @Schema(examples = "PRESENT") AttendanceStatus status,

        @NotBlank @Size(max = 500) @Schema(examples = "Presented at the whiteboard, out of camera view")
        String reason) {}
