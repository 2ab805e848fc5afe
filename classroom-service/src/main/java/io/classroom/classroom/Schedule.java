package io.classroom.classroom;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a class takes place: a local start time in an IANA zone, a duration and optional weekly days. With days, the
 * scheduler starts and ends a session at every occurrence; without, the class only runs when started by hand.
 */
public class Schedule {

    /**
     * From the day before an instant's date (an occurrence running then started at most one duration, 12 h, before)
     * to a week after it (the same weekday again).
     */
    private static final int DAYS_SEARCHED = 9;

    /** Local time, ISO format {@code HH:mm}. */
    public String startTime;

    public int durationMinutes;
    public List<DayOfWeek> days = new ArrayList<>();
    public String timeZone;

    /**
     * The first occurrence that ends after {@code t}: the one running at {@code t}, else the next one; empty without
     * days. The start time is read in the schedule's zone on each day: in a daylight-saving gap it moves forward by
     * the gap, in an overlap it is the earlier of the two instants.
     */
    public Optional<Occurrence> firstEndingAfter(Instant t) {
        if (days == null || days.isEmpty()) {
            return Optional.empty();
        }
        var zone = ZoneId.of(timeZone);
        var time = LocalTime.parse(startTime);
        var length = Duration.ofMinutes(durationMinutes);
        var date = t.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < DAYS_SEARCHED; i++, date = date.plusDays(1)) {
            if (days.contains(date.getDayOfWeek())) {
                var start = ZonedDateTime.of(date, time, zone).toInstant();
                var end = start.plus(length);
                if (end.isAfter(t)) {
                    return Optional.of(new Occurrence(start, end));
                }
            }
        }
        return Optional.empty();
    }
}
