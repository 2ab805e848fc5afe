package io.classroom.classroom.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of an activation: the room to use instead of the class's default room. */
public record ActivateRequest(
        @Schema(description = "room id; defaults to the class's default room") @Size(max = 64)
        String roomId) {}
