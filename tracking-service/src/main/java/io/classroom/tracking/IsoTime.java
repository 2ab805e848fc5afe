package io.classroom.tracking;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * The one reading of an ISO-8601 instant in this service, for every time it is given (REST bodies and the events it
 * consumes), the same as analytics' (service.Timestamps): a date-time with {@code Z}, an offset or a zone keeps it;
 * without any it means UTC ({@code 2024-01-01T12:00:00} is {@code 2024-01-01T12:00:00Z}). Seconds and their fraction
 * are optional.
 */
public final class IsoTime {

    /** The shape ISO_LOCAL_DATE_TIME reads: minutes required, seconds and up to nine fraction digits optional. */
    private static final Pattern ZONELESS =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    private IsoTime() {}

    /**
     * The instant {@code value} names.
     *
     * @throws DateTimeParseException when it is not such a date-time
     */
    public static Instant parse(String value) {
        var parsed = read(value);
        return parsed instanceof ZonedDateTime zoned
                ? zoned.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /**
     * Whether {@code value} has the shape of a date-time without {@code Z}, an offset or a zone (read as UTC). A
     * pattern rather than a parse: the event reader asks this of every instant it reads, and most carry {@code Z}.
     */
    public static boolean isZoneless(String value) {
        return value != null && ZONELESS.matcher(value).matches();
    }

    private static TemporalAccessor read(String value) {
        if (value == null) {
            throw new DateTimeParseException("no date-time", "", 0);
        }
        return DateTimeFormatter.ISO_DATE_TIME.parseBest(value, ZonedDateTime::from, LocalDateTime::from);
    }
}
