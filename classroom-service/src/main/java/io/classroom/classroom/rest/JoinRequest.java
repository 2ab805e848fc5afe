package io.classroom.classroom.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A student's request to join the class that has this code (case-insensitive). */
public record JoinRequest(
        @Schema(example = "K7QH2MZP") @NotBlank @Size(max = 32)
        String joinCode) {}
