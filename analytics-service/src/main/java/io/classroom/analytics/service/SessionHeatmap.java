package io.classroom.analytics.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Buckets session starts into local days and a weekday x hour grid of one time zone. The store groups starts by
 * 15-minute UTC buckets (every IANA offset is a multiple of 15 minutes), so this runs on a few thousand rows at most.
 */
public final class SessionHeatmap {

    private SessionHeatmap() {}

    /** Sessions of one local day. */
    public record DayCount(LocalDate date, long sessions) {}

    /** Sessions started in one local hour. */
    public record HourCount(int hour, long sessions) {}

    /** One of the most active days, with its busiest hours. */
    public record ActiveDay(LocalDate date, DayOfWeek weekday, long sessions, List<HourCount> topHours) {}

    /** The bucketed result: {@code grid[weekday 0=Monday][hour]}. */
    public record Buckets(List<DayCount> perDay, long[][] grid, List<ActiveDay> mostActiveDays, long sessions) {}

    /**
     * @param quarters {@code [epochMillis of a 15-minute bucket, session count]}
     * @param firstDay first local day of the range, listed even without sessions
     * @param lastDay last local day of the range (inclusive)
     */
    public static Buckets bucket(
            List<long[]> quarters, ZoneId zone, LocalDate firstDay, LocalDate lastDay, int topDays, int topHours) {
        Map<LocalDate, long[]> hoursByDay = new TreeMap<>();
        long[][] grid = new long[7][24];
        long total = 0;
        for (long[] quarter : quarters) {
            ZonedDateTime local = Instant.ofEpochMilli(quarter[0]).atZone(zone);
            long count = quarter[1];
            hoursByDay.computeIfAbsent(local.toLocalDate(), d -> new long[24])[local.getHour()] += count;
            grid[local.getDayOfWeek().getValue() - 1][local.getHour()] += count;
            total += count;
        }
        List<DayCount> perDay = new ArrayList<>();
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            long[] hours = hoursByDay.get(day);
            perDay.add(new DayCount(day, hours == null ? 0 : sum(hours)));
        }
        List<ActiveDay> active = hoursByDay.entrySet().stream()
                .map(e -> new ActiveDay(
                        e.getKey(), e.getKey().getDayOfWeek(), sum(e.getValue()), topHours(e.getValue(), topHours)))
                .sorted(Comparator.comparingLong(ActiveDay::sessions).reversed().thenComparing(ActiveDay::date))
                .limit(topDays)
                .toList();
        return new Buckets(perDay, grid, active, total);
    }

    private static List<HourCount> topHours(long[] hours, int limit) {
        List<HourCount> counts = new ArrayList<>();
        for (int hour = 0; hour < hours.length; hour++) {
            if (hours[hour] > 0) {
                counts.add(new HourCount(hour, hours[hour]));
            }
        }
        counts.sort(Comparator.comparingLong(HourCount::sessions).reversed().thenComparingInt(HourCount::hour));
        return counts.subList(0, Math.min(limit, counts.size()));
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}
