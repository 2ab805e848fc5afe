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
        /** How often the job ending overdue sessions runs (an {@code every} expression; {@code off} disables it). */
        @WithDefault("30s")
        String autoEndEvery();

        /**
         * How often the scheduler starts the classes whose scheduled start has come and ends their sessions at the
         * planned end (an {@code every} expression; {@code off} disables it): the longest delay of a scheduled start.
         */
        @WithDefault("10s")
        String scheduleEvery();

        /** A session still active this long after its planned end is ended with reason PLANNED_END. */
        @WithDefault("PT10M")
        Duration autoEndGrace();

        /** How often the outbox relay sends what an earlier run could not (it also runs right after every change). */
        @WithDefault("10S")
        Duration outboxRelayEvery();
    }

    interface Users {
        /** How long consumed event ids are remembered for deduplication (TTL index). */
        @WithDefault("P14D")
        Duration processedEventRetention();
    }
}
