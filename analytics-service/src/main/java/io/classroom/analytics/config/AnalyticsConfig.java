package io.classroom.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Settings of the analytics service. */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /** How long raw vision observations are kept before the TTL index removes them (aggregates stay). */
    @WithDefault("P30D")
    Duration observationRetention();

    /** How long processed event ids are remembered for de-duplication. */
    @WithDefault("P14D")
    Duration dedupeRetention();

    /** Longest date range a heatmap or report query may span. */
    @WithDefault("P366D")
    Duration maxRange();

    /** Range of a heatmap, report or page statistics read without {@code from} (ending at {@code to}, else now). */
    @WithDefault("P30D")
    Duration defaultRange();

    /** Time zone per tenant id, used when a query names none (IANA ids). */
    Map<String, String> tenantZones();

    /** Time zone used when neither the query nor the tenant names one. */
    @WithDefault("UTC")
    String defaultZone();

    /** Attendance rate (0..1) below which a student is reported at risk. */
    @WithDefault("0.8")
    double atRiskRate();

    /** Columns of the per-camera spatial grid. */
    @WithDefault("16")
    int gridColumns();

    /** Rows of the per-camera spatial grid. */
    @WithDefault("9")
    int gridRows();

    /** Largest page size a paginated endpoint accepts. */
    @WithDefault("500")
    int maxPageSize();

    /** First wait before a consumed message whose store write failed is retried (doubling each time). */
    @WithDefault("PT0.1S")
    Duration storeRetryInitialBackOff();

    /** Longest wait between two retries of a failed store write; retries go on until the store is back. */
    @WithDefault("5S")
    Duration storeRetryMaxBackOff();
}
