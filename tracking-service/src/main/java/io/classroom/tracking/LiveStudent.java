package io.classroom.tracking;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the live feed shows per student; {@code seenAt} is the capture time of the latest observation of them,
 * {@code gazeDirection} that of their latest face (LEFT, CENTER, RIGHT, UP, DOWN; null when none), {@code flags} what
 * their latest webcam frame showed ({@code OTHERS_IN_FRAME}, {@code WEBCAM_NOT_VERIFIED}) and
 * {@code framesWithOthers} how many of their webcam frames showed other faces.
 */
public record LiveStudent(
        @Schema(examples = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
        String userId,

        @Schema(examples = "true") boolean presentNow,
        @Schema(examples = "true") boolean attentiveNow,

        @Schema(description = "engaged share of the session so far, in percent", examples = "81.5")
        double engagedPct,

        @Schema(description = "PENDING while the session runs", examples = "PENDING")
        AttendanceStatus status,

        @Schema(examples = "2026-09-01T08:20:14Z") Instant seenAt,
        @Schema(examples = "CENTER") String gazeDirection,
        @Schema(examples = "[\"OTHERS_IN_FRAME\"]") List<String> flags,
        @Schema(examples = "2") long framesWithOthers) {}
