package io.classroom.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionHeatmapTest {

    private static long[] quarter(String instant, long count) {
        return new long[] {Instant.parse(instant).toEpochMilli(), count};
    }

    @Test
    void bucketsInTheRequestedZone() {
        // 23:30 UTC on Monday 2026-09-07 is 01:30 on Tuesday in Paris (UTC+2 in September).
        var quarters = List.of(quarter("2026-09-07T23:30:00Z", 2), quarter("2026-09-08T06:15:00Z", 1));
        var paris = SessionHeatmap.bucket(
                quarters, ZoneId.of("Europe/Paris"), LocalDate.of(2026, 9, 7), LocalDate.of(2026, 9, 8), 5, 3);
        assertThat(paris.grid()[1][1]).isEqualTo(2);
        assertThat(paris.grid()[1][8]).isEqualTo(1);
        assertThat(paris.perDay())
                .containsExactly(
                        new SessionHeatmap.DayCount(LocalDate.of(2026, 9, 7), 0),
                        new SessionHeatmap.DayCount(LocalDate.of(2026, 9, 8), 3));
        assertThat(paris.mostActiveDays()).hasSize(1);
        var day = paris.mostActiveDays().get(0);
        assertThat(day.weekday()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(day.topHours())
                .containsExactly(new SessionHeatmap.HourCount(1, 2), new SessionHeatmap.HourCount(8, 1));

        var utc = SessionHeatmap.bucket(
                quarters, ZoneId.of("UTC"), LocalDate.of(2026, 9, 7), LocalDate.of(2026, 9, 8), 5, 3);
        assertThat(utc.grid()[0][23]).isEqualTo(2);
        assertThat(utc.sessions()).isEqualTo(3);
    }

    @Test
    void halfHourZonesUseTheQuarterBuckets() {
        // India is UTC+05:30: 04:45 UTC is 10:15 local.
        var buckets = SessionHeatmap.bucket(
                List.of(quarter("2026-09-07T04:45:00Z", 4)),
                ZoneId.of("Asia/Kolkata"),
                LocalDate.of(2026, 9, 7),
                LocalDate.of(2026, 9, 7),
                5,
                3);
        assertThat(buckets.grid()[0][10]).isEqualTo(4);
    }

    @Test
    void mostActiveDaysAreSortedAndLimited() {
        var buckets = SessionHeatmap.bucket(
                List.of(
                        quarter("2026-09-01T10:00:00Z", 1),
                        quarter("2026-09-02T10:00:00Z", 5),
                        quarter("2026-09-03T10:00:00Z", 3)),
                ZoneId.of("UTC"),
                LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 9, 3),
                2,
                1);
        assertThat(buckets.mostActiveDays())
                .extracting(SessionHeatmap.ActiveDay::date)
                .containsExactly(LocalDate.of(2026, 9, 2), LocalDate.of(2026, 9, 3));
    }
}
