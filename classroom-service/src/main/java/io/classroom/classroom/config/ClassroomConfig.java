package io.classroom.classroom.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Settings of classroom-service. */
@ConfigMapping(prefix = "classroom")
public interface ClassroomConfig {

    /** Class defaults and join codes. */
    Classes classes();

    /** Session lifecycle and event publication. */
    Sessions sessions();

    /** Consumption of auth.users.v1. */
    Users users();

    interface Classes {
        /** Attendance threshold (percent of engaged time) of a class created without one. */
        @WithDefault("75")
        @Min(1)
        @Max(100)
        int defaultAttendanceThreshold();

        /** Late grace period (minutes) of a class created without one. */
        @WithDefault("5")
        @Min(0)
        int defaultLateGraceMinutes();

        /** Length of generated join codes. */
        @WithDefault("8")
        @Min(6)
        @Max(16)
        int joinCodeLength();
    }

    interface Sessions {
        /** How often the job ending overdue sessions runs (a Quartz-free {@code every} expression). */
        @WithDefault("30s")
        String autoEndEvery();

        /** A session still active this long after its planned end is ended with reason PLANNED_END. */
        @WithDefault("PT10M")
        Duration autoEndGrace();

        /** How often unsent session events (outbox flags) are published again. */
        @WithDefault("30s")
        String outboxEvery();

        /** Unsent events younger than this are left to the request that is sending them. */
        @WithDefault("PT20S")
        Duration outboxMinAge();

        /** How long a request waits for Kafka to acknowledge a session event. */
        @WithDefault("PT10S")
        Duration sendTimeout();
    }

    interface Users {
        /** How long consumed event ids are remembered for deduplication (TTL index). */
        @WithDefault("P14D")
        Duration processedEventRetention();
    }
}
