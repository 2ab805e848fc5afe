package io.classroom.analytics.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * AttendanceUpdated / AttendanceFinalized from {@code tracking.attendance.v1} (the fields this service uses). The
 * {@code occurredAt} orders the rows of one (session, student): an older event never overwrites a newer row.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttendanceEvent(
        @NotNull UUID eventId,
        @NotBlank String type,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 64) String tenantId,
        @NotBlank @Size(max = 64) String sessionId,
        String classId,
        @NotBlank @Size(max = 64) String userId,
        @PositiveOrZero long presentSeconds,
        @PositiveOrZero long engagedSeconds,
        @PositiveOrZero @Max(100) double engagementPct,
        @NotBlank String status,
        boolean late,
        boolean leftEarly,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant sessionStartedAt,
        Instant sessionEndedAt) {

    public static final String FINALIZED = "AttendanceFinalized";

    /** Reads {@code tracking.attendance.v1} values; see {@link EventDeserializer}. */
    public static class Deserializer extends EventDeserializer<AttendanceEvent> {
        public Deserializer() {
            super(AttendanceEvent.class);
        }
    }
}
