package io.classroom.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalReportTest {

    private static final long T0 = 1_767_261_600_000L;

    private static List<TimelineSample> attentiveEverySecond(int from, int to) {
        List<TimelineSample> samples = new ArrayList<>();
        for (int sec = from; sec < to; sec++) {
            samples.add(new TimelineSample(T0 + sec * 1000L, true, 0.0, 0.0, 0.5, true));
        }
        return samples;
    }

    @Test
    void activeTimeExcludesPauses() {
        var pauses = List.of(
                new PersonalReport.Span(T0 + 600_000, T0 + 900_000), new PersonalReport.Span(T0 + 1_200_000, null));

        var report = PersonalReport.compute(T0, T0 + 1_800_000, pauses, List.of(), List.of(), 10_000);

        // 0-600 and 900-1200 active; the open pause runs to the end
        assertThat(report.activeSeconds()).isEqualTo(900);
        assertThat(report.focusSeconds()).isZero();
        assertThat(report.distractionSeconds()).isZero();
    }

    @Test
    void webcamTimeDuringAPauseCountsForNothing() {
        var pauses = List.of(new PersonalReport.Span(T0 + 30_000, T0 + 60_000));

        var report = PersonalReport.compute(T0, T0 + 100_000, pauses, attentiveEverySecond(0, 100), List.of(), 10_000);

        assertThat(report.activeSeconds()).isEqualTo(70);
        assertThat(report.focusSeconds()).isEqualTo(70);
    }

    @Test
    void reportedActivitiesWinOverInference() {
        var reported = List.of(
                new PersonalReport.Reported("WRITING", T0 + 60_000),
                new PersonalReport.Reported("READING", T0),
                new PersonalReport.Reported("WATCHING", T0 + 90_000));
        var pauses = List.of(new PersonalReport.Span(T0 + 70_000, T0 + 80_000));

        var report = PersonalReport.compute(T0, T0 + 120_000, pauses, attentiveEverySecond(0, 120), reported, 10_000);

        assertThat(report.source()).isEqualTo("REPORTED");
        assertThat(report.activities()).containsEntry("READING", 60L).containsEntry("WRITING", 20L);
        assertThat(report.activities()).containsEntry("WATCHING", 30L);
        assertThat(report.activeSeconds()).isEqualTo(110);
    }

    @Test
    void aLongWebcamGapIsNotCounted() {
        List<TimelineSample> samples = new ArrayList<>(attentiveEverySecond(0, 10));
        samples.addAll(attentiveEverySecond(60, 70));

        var report = PersonalReport.compute(T0, T0 + 70_000, List.of(), samples, List.of(), 10_000);

        // 9 s between the first ten samples + 10 s (cap) after the 10th + 9 s + the last sample's second
        assertThat(report.focusSeconds()).isEqualTo(9 + 10 + 9 + 1);
    }
}
