package io.classroom.analytics.service;

import io.classroom.analytics.error.Problems;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A bounded, validated query range {@code [from, to)}. Bounds are ISO-8601 date-times ({@link Timestamps}: without Z
 * or an offset they are UTC), or dates (local to the zone; a {@code to} date is inclusive). An absent {@code to} is
 * now, an absent {@code from} is {@code defaultLength} before {@code to}.
 */
public record TimeRange(Instant from, Instant to, ZoneId zone) {

    public static TimeRange parse(
            String from, String to, ZoneId zone, Duration maxLength, Duration defaultLength, Instant now) {
        Instant end = absent(to) ? now : bound(to, "to", zone, true);
        Instant start = absent(from) ? end.minus(defaultLength) : bound(from, "from", zone, false);
        if (!start.isBefore(end)) {
            throw Problems.badRequest("inverted-range", "'from' must be before 'to'");
        }
        if (Duration.between(start, end).compareTo(maxLength) > 0) {
            throw Problems.badRequest("range-too-long", "The range may span at most " + maxLength.toDays() + " days");
        }
        return new TimeRange(start, end, zone);
    }

    /** Resolves a zone id, or fails with 400. */
    public static ZoneId zone(String zoneId) {
        try {
            return ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            throw Problems.badRequest("invalid-zone", "Unknown time zone '" + zoneId + "' (use an IANA id)");
        }
    }

    private static boolean absent(String bound) {
        return bound == null || bound.isBlank();
    }

    private static Instant bound(String text, String name, ZoneId zone, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            }
            return Timestamps.instant(text);
        } catch (DateTimeException e) {
            throw Problems.badRequest(
                    "invalid-date",
                    "'" + name + "' is not an ISO-8601 date or date-time (without Z or an offset it is UTC): '" + text
                            + "'");
        }
    }

    /** First local day of the range. */
    public LocalDate firstDay() {
        return from.atZone(zone).toLocalDate();
    }

    /** Last local day the range touches. */
    public LocalDate lastDay() {
        return to.minusNanos(1).atZone(zone).toLocalDate();
    }
}
