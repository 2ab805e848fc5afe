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
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void datesAreLocalAndTheEndDateIsInclusive() {
        var range = TimeRange.parse("2026-09-01", "2026-09-30", PARIS, MAX);
        assertThat(range.from()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        assertThat(range.firstDay()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(range.lastDay()).isEqualTo(LocalDate.of(2026, 9, 30));
    }

    @Test
    void dateTimesKeepTheirOffset() {
        var range = TimeRange.parse("2026-09-01T08:00:00Z", "2026-09-01T12:00:00+02:00", PARIS, MAX);
        assertThat(range.from()).isEqualTo(Instant.parse("2026-09-01T08:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-09-01T10:00:00Z"));
        // The same instant as both bounds is an empty, inverted range.
        assertThatThrownBy(() -> TimeRange.parse("2026-09-01T08:00:00Z", "2026-09-01T10:00:00+02:00", PARIS, MAX))
                .isInstanceOf(HttpProblem.class);
    }

    @Test
    void badRangesAre400() {
        assertStatus(() -> TimeRange.parse(null, "2026-09-01", PARIS, MAX), "unbounded-range");
        assertStatus(() -> TimeRange.parse("2026-09-01", " ", PARIS, MAX), "unbounded-range");
        assertStatus(() -> TimeRange.parse("2026-13-01", "2026-09-02", PARIS, MAX), "invalid-date");
        assertStatus(() -> TimeRange.parse("yesterday", "2026-09-02", PARIS, MAX), "invalid-date");
        assertStatus(() -> TimeRange.parse("2026-09-02", "2026-09-01", PARIS, MAX), "inverted-range");
        assertStatus(() -> TimeRange.parse("2020-01-01", "2026-09-01", PARIS, MAX), "range-too-long");
        assertStatus(() -> TimeRange.zone("Mars/Olympus"), "invalid-zone");
    }

    private static void assertStatus(Runnable call, String slug) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpProblem.class, p -> {
            assertThat(p.getStatusCode()).isEqualTo(400);
            assertThat(p.getType()).hasToString("urn:classroom:problem:" + slug);
        });
    }
}
