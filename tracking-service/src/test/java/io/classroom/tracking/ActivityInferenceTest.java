package io.classroom.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The activity heuristics on recorded webcam timelines (src/test/resources/timelines, one sample per second). */
class ActivityInferenceTest {

    static List<TimelineSample> timeline(String name) throws IOException {
        try (var in = ActivityInferenceTest.class.getResourceAsStream("/timelines/" + name + ".json")) {
            return new ObjectMapper().readValue(in, new TypeReference<>() {});
        }
    }

    @ParameterizedTest
    @CsvSource({"reading,READING", "watching,WATCHING", "browsing,BROWSING", "away,AWAY"})
    void recognisesTheDominantActivity(String fixture, String expected) throws IOException {
        var samples = timeline(fixture);
        long start = samples.get(0).t();
        long end = samples.get(samples.size() - 1).t() + 1000;

        var report = PersonalReport.compute(start, end, List.of(), samples, List.of(), 10_000);

        assertThat(report.source()).isEqualTo("INFERRED");
        long total =
                report.activities().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(120);
        assertThat(report.activities().getOrDefault(expected, 0L)).isGreaterThanOrEqualTo(108);
    }

    @ParameterizedTest
    @CsvSource({"watching,120,0", "away,0,120"})
    void focusFollowsAttentiveness(String fixture, long focus, long distraction) throws IOException {
        var samples = timeline(fixture);
        long start = samples.get(0).t();

        var report = PersonalReport.compute(start, start + 120_000, List.of(), samples, List.of(), 10_000);

        assertThat(report.focusSeconds()).isEqualTo(focus);
        assertThat(report.distractionSeconds()).isEqualTo(distraction);
        assertThat(report.activeSeconds()).isEqualTo(120);
    }

    @ParameterizedTest
    @CsvSource({"reading", "watching", "browsing", "away"})
    void everySampleGetsExactlyOneActivity(String fixture) throws IOException {
        var samples = timeline(fixture);

        assertThat(ActivityInference.classify(samples))
                .hasSameSizeAs(samples)
                .allMatch(a -> Map.of("READING", 1, "WATCHING", 1, "BROWSING", 1, "AWAY", 1)
                        .containsKey(a));
    }
}
