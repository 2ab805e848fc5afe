package io.classroom.tracking;

import java.time.Instant;

/** What the live feed shows per student; {@code seenAt} is the capture time of the latest observation of them. */
public record LiveStudent(
        String userId,
        boolean presentNow,
        boolean attentiveNow,
        double engagedPct,
        AttendanceStatus status,
        Instant seenAt) {}
