package io.classroom.tracking.rest;

import io.classroom.tracking.AttendanceStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A teacher's correction of a final status. */
public record OverrideRequest(
        @NotNull AttendanceStatus status,
        @NotBlank @Size(max = 500) String reason) {}
