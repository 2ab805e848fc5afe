package io.classroom.analytics.service;

import io.classroom.analytics.config.AnalyticsConfig;
import io.classroom.analytics.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;

/** The time range and zone of a read, from its {@code from}, {@code to} and {@code zone} parameters. */
@ApplicationScoped
public class Ranges {

    private final AnalyticsConfig config;

    public Ranges(AnalyticsConfig config) {
        this.config = config;
    }

    /** The zone asked for, else the tenant's, else the default; 400 on an unknown id. */
    public ZoneId zoneFor(Caller caller, String requested) {
        if (requested != null && !requested.isBlank()) {
            return TimeRange.zone(requested);
        }
        return tenantZone(caller.tenantId());
    }

    /** The tenant's zone ({@code analytics.tenant-zones}), else the default. */
    public ZoneId tenantZone(String tenantId) {
        return TimeRange.zone(config.tenantZones().getOrDefault(tenantId, config.defaultZone()));
    }

    /**
     * The range {@code [from, to)}; an absent {@code to} is now, an absent {@code from} is {@code to} minus
     * {@code analytics.default-range} (30 days): without either, the last 30 days.
     */
    public TimeRange range(Caller caller, String from, String to, String zone) {
        return TimeRange.parse(
                from, to, zoneFor(caller, zone), config.maxRange(), config.defaultRange(), Instant.now());
    }
}
