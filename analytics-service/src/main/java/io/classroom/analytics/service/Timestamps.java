package io.classroom.analytics.service;

import io.classroom.analytics.error.Problems;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one reading of a timestamp a request gives, the same as tracking's (rest/ClientTime): an ISO-8601 date-time with
 * {@code Z}, an offset or a zone keeps it; without any, it is UTC ({@code 2026-09-01T08:00:00} is
 * {@code 2026-09-01T08:00:00Z}). Seconds and their fraction are optional.
 */
public final class Timestamps {

    private Timestamps() {}

    /**
     * The instant {@code text} names.
     *
     * @throws DateTimeException when it is not an ISO-8601 date-time
     */
    public static Instant instant(String text) {
        var parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
        return parsed instanceof ZonedDateTime zoned
                ? zoned.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /** The instant of the request field or parameter {@code name}; 400 {@code invalid-date} naming it otherwise. */
    public static Instant parse(String text, String name) {
        try {
            return instant(text);
        } catch (DateTimeException e) {
            throw Problems.badRequest(
                    "invalid-date",
                    "'" + name + "' is not an ISO-8601 date-time (without Z or an offset it is UTC): '" + text + "'");
        }
    }
}
