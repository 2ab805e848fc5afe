package io.classroom.tracking;

import java.time.Instant;

/**
 * The attendance of one roster member: final at session end, provisional (PENDING) while live. {@code webcamFrames}
 * and {@code framesWithOthers} count the student's own webcam frames and those that showed other faces too.
 */
public record AttendanceOutcome(
        String userId,
        long presentSeconds,
        long engagedSeconds,
        double engagementPct,
        AttendanceStatus status,
        boolean late,
        boolean leftEarly,
        Instant firstSeenAt,
        Instant lastSeenAt,
        long effectiveSessionSeconds,
        long webcamFrames,
        long framesWithOthers) {}
