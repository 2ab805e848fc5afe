package io.classroom.tracking.rest;

import io.classroom.tracking.AttendanceOverride;
import io.classroom.tracking.AttendanceStatus;
import java.time.Instant;
import java.util.UUID;

/** One entry of the override audit trail. */
public record OverrideView(
        UUID userId,
        AttendanceStatus previousStatus,
        AttendanceStatus newStatus,
        String reason,
        UUID actorId,
        Instant at) {

    public static OverrideView of(AttendanceOverride o) {
        return new OverrideView(o.userId, o.previousStatus, o.newStatus, o.reason, o.actorId, o.at);
    }
}
