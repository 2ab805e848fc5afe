package io.classroom.tracking.rest;

import io.classroom.tracking.PersonalReport;
import io.classroom.tracking.PersonalSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A personal session of an application; focus, distraction and activities are filled in when it ends. */
public record PersonalSessionView(
        @Schema(examples = "6a1d3e5f-7b9c-4d2e-8f0a-1b3c5d7e9f20")
        UUID id,

        @Schema(description = "the session's owner", examples = "3f2b8c1e-6d4a-4e9b-a7c5-1b2d3e4f5a6b")
        UUID userId,

        @Schema(examples = "classroom-web") String app,
        @Schema(examples = "Physics revision") String title,
        @Schema(examples = "ENDED") PersonalSession.Status status,
        @Schema(examples = "2026-09-01T16:00:00Z") Instant startedAt,

        @Schema(description = "null until the session ends", examples = "2026-09-01T17:00:00Z")
        Instant endedAt,

        @Schema(description = "seconds running, pauses excluded", examples = "3000")
        long activeSeconds,

        @Schema(description = "seconds attentive (filled in at the end)", examples = "2400")
        long focusSeconds,

        @Schema(description = "seconds distracted or away (filled in at the end)", examples = "600")
        long distractionSeconds,

        @Schema(
                description = "seconds per activity (filled in at the end)",
                examples = "{\"READING\": 1800, \"WRITING\": 900, \"BROWSING\": 300}")
        Map<String, Long> activities,

        @Schema(
                description = "REPORTED when the client reported activities, INFERRED from the webcam otherwise",
                examples = "REPORTED")
        String activitySource,

        List<Pause> pauses,
        List<ReportedActivity> reportedActivities) {

    /** A pause; {@code to} is null while it lasts. */
    public record Pause(
            @Schema(examples = "2026-09-01T16:30:00Z") Instant from,
            @Schema(examples = "2026-09-01T16:40:00Z") Instant to) {}

    /** A client-reported activity change. */
    public record ReportedActivity(
            @Schema(examples = "READING") String activity,
            @Schema(examples = "2026-09-01T16:00:00Z") Instant at) {}

    static List<Pause> pauses(List<PersonalReport.Span> spans) {
        return spans.stream()
                .map(s ->
                        new Pause(Instant.ofEpochMilli(s.from()), s.to() == null ? null : Instant.ofEpochMilli(s.to())))
                .toList();
    }

    static List<ReportedActivity> reported(List<PersonalReport.Reported> reported) {
        return reported.stream()
                .map(r -> new ReportedActivity(r.activity(), Instant.ofEpochMilli(r.at())))
                .toList();
    }
}
