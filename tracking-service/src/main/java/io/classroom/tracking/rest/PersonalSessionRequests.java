package io.classroom.tracking.rest;

import io.classroom.tracking.PersonalSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the personal-session endpoints; times are ISO-8601 strings validated by {@link ClientTime}. */
public final class PersonalSessionRequests {

    private PersonalSessionRequests() {}

    /** Start a session of an application (default classroom-web), optionally at a client time. */
    public record Start(
            @Size(max = 200) String title,

            @Schema(description = "ISO-8601 (without a zone: UTC); default now", examples = "2024-01-01T12:00:00Z")
            String startedAt,

            @Pattern(regexp = PersonalSession.APP_PATTERN, message = "must match " + PersonalSession.APP_PATTERN)
            @Schema(
                    description = "the application the session belongs to; default classroom-web",
                    examples = "focus-timer")
            String app) {}

    /** Pause, resume or end, optionally at a client time. */
    public record Transition(
            @Schema(description = "ISO-8601 (without a zone: UTC); default now", examples = "2024-01-01T12:30:00.250Z")
            String at) {}

    /** One activity change reported by the client: it lasts until the next one or the end. */
    public record Activity(
            @NotBlank @Pattern(regexp = "[A-Za-z_]{1,32}") @Schema(examples = "READING")
            String activity,

            @NotNull @Schema(description = "ISO-8601 (without a zone: UTC)", examples = "2024-01-01T12:05:00")
            String at) {}

    /** A batch of activity changes. */
    public record Activities(@NotEmpty @Size(max = 500) List<@Valid @NotNull Activity> activities) {}
}
