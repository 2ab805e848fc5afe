package io.classroom.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void slopeAndDirection() {
        var declining = Trend.of(new double[] {1.0, 0.9, 0.8, 0.7});
        assertThat(declining.direction()).isEqualTo("DECLINING");
        assertThat(declining.slopePerSession()).isCloseTo(-0.1, within(1e-9));
        assertThat(Trend.of(new double[] {0.5, 0.75, 1.0}).direction()).isEqualTo("IMPROVING");
        assertThat(Trend.of(new double[] {0.8, 0.8}).direction()).isEqualTo("STABLE");
        assertThat(Trend.of(new double[] {0.8}).direction()).isEqualTo("INSUFFICIENT_DATA");
    }
}
