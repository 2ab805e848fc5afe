package io.classroom.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkiverse.resteasy.problem.HttpProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final Duration MAX = Duration.ofDays(366);
    private static final Duration DEFAULT = Duration.ofDays(30);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static TimeRange parse(String from, String to) {
        return TimeRange.parse(from, to, PARIS, MAX, DEFAULT, NOW);
    }

    @Test
    void datesAreLocalAndTheEndDateIsInclusive() {
        var range = parse("2026-09-01", "2026-09-30");
        assertThat(range.from()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        assertThat(range.firstDay()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(range.lastDay()).isEqualTo(LocalDate.of(2026, 9, 30));
    }

    @Test
    void dateTimesKeepTheirOffset() {
        var range = parse("2026-09-01T08:00:00Z", "2026-09-01T12:00:00+02:00");
        assertThat(range.from()).isEqualTo(Instant.parse("2026-09-01T08:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-09-01T10:00:00Z"));
        // The same instant as both bounds is an empty, inverted range.
        assertThatThrownBy(() -> parse("2026-09-01T08:00:00Z", "2026-09-01T10:00:00+02:00"))
                .isInstanceOf(HttpProblem.class);
    }

    @Test
    void aDateTimeWithoutZoneIsUtcWhateverTheZone() {
        var range = parse("2026-09-01T08:00:00", "2026-09-01T09:30");
        assertThat(range.from()).isEqualTo(Instant.parse("2026-09-01T08:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-09-01T09:30:00Z"));
        assertThat(parse("2026-09-01T08:00:00.250", "2026-09-01T12:00+02:00[Europe/Paris]"))
                .isEqualTo(new TimeRange(
                        Instant.parse("2026-09-01T08:00:00.250Z"), Instant.parse("2026-09-01T10:00:00Z"), PARIS));
    }

    @Test
    void absentBoundsMeanTheLastThirtyDays() {
        assertThat(parse(null, null)).isEqualTo(new TimeRange(NOW.minus(DEFAULT), NOW, PARIS));
        assertThat(parse(" ", "")).isEqualTo(new TimeRange(NOW.minus(DEFAULT), NOW, PARIS));
        // Only a start: up to now. Only an end: the 30 days before it.
        assertThat(parse("2026-12-01", null).to()).isEqualTo(NOW);
        var before = parse(null, "2026-09-30");
        assertThat(before.to()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        assertThat(before.from()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
    }

    @Test
    void badRangesAre400() {
        assertStatus(() -> parse("2026-13-01", "2026-09-02"), "invalid-date");
        assertStatus(() -> parse("yesterday", "2026-09-02"), "invalid-date");
        assertStatus(() -> parse("2026-09-01T08:00:00", "2026-09-01 09:00"), "invalid-date");
        assertStatus(() -> parse("2026-09-02", "2026-09-01"), "inverted-range");
        assertStatus(() -> parse("2020-01-01", "2026-09-01"), "range-too-long");
        assertStatus(() -> parse("2026-12-08", null), "inverted-range");
        assertStatus(() -> TimeRange.zone("Mars/Olympus"), "invalid-zone");
    }

    private static void assertStatus(Runnable call, String slug) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpProblem.class, p -> {
            assertThat(p.getStatusCode()).isEqualTo(400);
            assertThat(p.getType()).hasToString("urn:classroom:problem:" + slug);
        });
    }
}
