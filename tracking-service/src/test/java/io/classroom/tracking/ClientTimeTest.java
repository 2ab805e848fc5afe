package io.classroom.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.tracking.rest.ClientTime;
import io.quarkiverse.resteasy.problem.HttpProblem;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientTimeTest {

    @ParameterizedTest
    @CsvSource({
        "2024-01-01T12:00:00Z,2024-01-01T12:00:00Z",
        "2024-01-01T12:00:00.250Z,2024-01-01T12:00:00.250Z",
        "2024-01-01T12:00:00,2024-01-01T12:00:00Z",
        "2024-01-01T12:00:00.5,2024-01-01T12:00:00.500Z",
        "2024-01-01T14:00:00+02:00,2024-01-01T12:00:00Z",
        "2024-01-01T12:00,2024-01-01T12:00:00Z",
        "2024-07-01T14:00:00+02:00[Europe/Paris],2024-07-01T12:00:00Z"
    })
    void acceptsIsoTimes(String value, String expected) {
        assertThat(ClientTime.parse(value, "at", null)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"yesterday", "2024-01-01", "2024-13-01T12:00:00Z", "1704110400", "2024-01-01 12:00:00Z", ""})
    void rejectsAnythingElseNamingTheField(String value) {
        assertThatThrownBy(() -> ClientTime.parse(value, "startedAt", null))
                .isInstanceOf(HttpProblem.class)
                .satisfies(e -> {
                    var problem = (HttpProblem) e;
                    assertThat(problem.getStatusCode()).isEqualTo(400);
                    assertThat(problem.getDetail()).contains("startedAt");
                });
    }

    @Test
    void absentMeansTheFallback() {
        var now = Instant.now();
        assertThat(ClientTime.parse(null, "at", now)).isEqualTo(now);
    }
}
