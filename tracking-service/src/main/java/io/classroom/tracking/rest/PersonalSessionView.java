package io.classroom.tracking.rest;

import io.classroom.tracking.PersonalReport;
import io.classroom.tracking.PersonalSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A personal session of an application; focus, distraction and activities are filled in when it ends. */
public record PersonalSessionView(
        UUID id,
        UUID userId,
        String app,
        String title,
        PersonalSession.Status status,
        Instant startedAt,
        Instant endedAt,
        long activeSeconds,
        long focusSeconds,
        long distractionSeconds,
        Map<String, Long> activities,
        String activitySource,
        List<Pause> pauses,
        List<ReportedActivity> reportedActivities) {

    /** A pause; {@code to} is null while it lasts. */
    public record Pause(Instant from, Instant to) {}

    /** A client-reported activity change. */
    public record ReportedActivity(String activity, Instant at) {}

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
