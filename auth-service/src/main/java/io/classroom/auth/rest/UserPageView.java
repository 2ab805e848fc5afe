package io.classroom.auth.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of users, sorted by email. */
public record UserPageView(
        List<UserView> items,

        @Schema(description = "Zero-based page number", example = "0")
        int page,

        @Schema(description = "Page size", example = "20") int size,

        @Schema(description = "Users in the tenant, all pages together", example = "42")
        long total) {}
