package io.classroom.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void theOccurrenceRunningAtAnInstantComesFirstThenTheNextOne() {
        // Mondays and Wednesdays 08:00 in Paris (UTC+2 in September), 45 minutes.
        var schedule = schedule("08:00", 45, "Europe/Paris", DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
        var monday = occurrence("2026-09-07T06:00:00Z", "2026-09-07T06:45:00Z");

        assertThat(schedule.firstEndingAfter(Instant.parse("2026-09-06T12:00:00Z")))
                .contains(monday);
        assertThat(schedule.firstEndingAfter(Instant.parse("2026-09-07T06:00:00Z")))
                .contains(monday);
        assertThat(schedule.firstEndingAfter(Instant.parse("2026-09-07T06:44:59Z")))
                .contains(monday);
        assertThat(schedule.firstEndingAfter(Instant.parse("2026-09-07T06:45:00Z")))
                .contains(occurrence("2026-09-09T06:00:00Z", "2026-09-09T06:45:00Z"));
        // After Wednesday's, the next Monday: a week is always searched.
        assertThat(schedule.firstEndingAfter(Instant.parse("2026-09-09T07:00:00Z")))
                .contains(occurrence("2026-09-14T06:00:00Z", "2026-09-14T06:45:00Z"));
    }

    @Test
    void anOccurrenceRunningPastMidnightIsFoundOnTheNextDay() {
        var schedule = schedule("22:00", 240, "UTC", DayOfWeek.FRIDAY);

        assertThat(schedule.firstEndingAfter(Instant.parse("2026-09-05T01:00:00Z")))
                .contains(occurrence("2026-09-04T22:00:00Z", "2026-09-05T02:00:00Z"));
    }

    @Test
    void theLocalTimeFollowsDaylightSavingTime() {
        // Paris leaves summer time on Sunday 2026-10-25: 08:00 is 06:00Z before, 07:00Z after.
        var schedule = schedule("08:00", 60, "Europe/Paris", DayOfWeek.FRIDAY, DayOfWeek.MONDAY);

        assertThat(schedule.firstEndingAfter(Instant.parse("2026-10-23T00:00:00Z")))
                .contains(occurrence("2026-10-23T06:00:00Z", "2026-10-23T07:00:00Z"));
        assertThat(schedule.firstEndingAfter(Instant.parse("2026-10-24T00:00:00Z")))
                .contains(occurrence("2026-10-26T07:00:00Z", "2026-10-26T08:00:00Z"));
        // 02:30 does not exist on 2026-03-29 in Paris: the start moves forward by the gap, to 03:30 (01:30Z).
        var inTheGap = schedule("02:30", 30, "Europe/Paris", DayOfWeek.SUNDAY);
        assertThat(inTheGap.firstEndingAfter(Instant.parse("2026-03-28T12:00:00Z")))
                .contains(occurrence("2026-03-29T01:30:00Z", "2026-03-29T02:00:00Z"));
    }

    @Test
    void withoutDaysNothingIsScheduled() {
        assertThat(schedule("08:00", 45, "UTC").firstEndingAfter(Instant.parse("2026-09-07T08:10:00Z")))
                .isEmpty();
    }

    private static Occurrence occurrence(String start, String end) {
        return new Occurrence(Instant.parse(start), Instant.parse(end));
    }

    private static Schedule schedule(String start, int minutes, String zone, DayOfWeek... days) {
        var schedule = new Schedule();
        schedule.startTime = start;
        schedule.durationMinutes = minutes;
        schedule.timeZone = zone;
        schedule.days = new ArrayList<>(List.of(days));
        return schedule;
    }
}
