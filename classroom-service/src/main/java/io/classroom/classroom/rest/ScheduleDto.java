package io.classroom.classroom.rest;

import io.classroom.classroom.Schedule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** When a class takes place. */
public record ScheduleDto(
        @Schema(description = "local start time", example = "08:00", implementation = String.class) @NotNull
        LocalTime startTime,

        @Schema(description = "length of one session in minutes", example = "45") @Min(5) @Max(720)
        int durationMinutes,

        @Schema(description = "weekly recurrence; empty for a one-off class", example = "[\"MONDAY\", \"THURSDAY\"]")
        Set<DayOfWeek> days,

        @Schema(description = "IANA time zone", example = "Europe/Paris") @NotBlank @Size(max = 64)
        String timeZone) {

    public Schedule toDomain() {
        var schedule = new Schedule();
        schedule.startTime = startTime.toString();
        schedule.durationMinutes = durationMinutes;
        schedule.days = days == null ? new ArrayList<>() : new ArrayList<>(new TreeSet<>(days));
        schedule.timeZone = timeZone;
        return schedule;
    }

    public static ScheduleDto of(Schedule schedule) {
        return new ScheduleDto(
                LocalTime.parse(schedule.startTime),
                schedule.durationMinutes,
                schedule.days == null ? Set.of() : new TreeSet<>(schedule.days),
                schedule.timeZone);
    }
}
