package io.classroom.classroom.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of an activation: the room to use instead of the class's default room. */
public record ActivateRequest(
        @Schema(
                description = "room id; defaults to the class's default room",
                example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b")
        @Size(max = 64)
        String roomId) {}
