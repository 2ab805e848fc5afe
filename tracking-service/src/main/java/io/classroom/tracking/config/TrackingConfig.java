package io.classroom.tracking.config;

import io.classroom.tracking.AttendanceRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Attendance rules and live-state tunables. */
@ConfigMapping(prefix = "tracking")
public interface TrackingConfig {

    /** Two sightings of a student at most this far apart count the time between them as present. */
    @WithDefault("10S")
    Duration gapTolerance();

    /** Attentiveness must hold (or be missing) this long before the engaged state flips. */
    @WithDefault("3S")
    Duration smoothing();

    /**
     * No frame from any source of a session for longer than this is a camera outage, excluded from durations. A camera
     * sends a frame at least every 5 s (lowest analysis rate 0.2 fps) and an empty room still sends frames, so a longer
     * stretch without any frame is the camera's absence, not the students'.
     */
    @WithDefault("8S")
    Duration sourceGap();

    /** A student last seen more than this before the session end left early. */
    @WithDefault("5M")
    Duration leftEarly();

    /** How long processed frame ids are remembered for de-duplication. */
    @WithDefault("24H")
    Duration processedFramesTtl();

    /** How long the live state of an ended session stays in Redis. */
    @WithDefault("7D")
    Duration endedSessionTtl();

    /**
     * Minimum interval between two live-feed messages to one subscriber. Keep it well under a camera's frame period:
     * at 1 s with 1 fps cameras, each delta waited for the next tick after the previous one, and the feed locked about
     * half a second behind the frames (p50 555 ms against 108 ms at 250 ms, {@code deploy/local/stack bench}).
     */
    @WithDefault("250ms")
    Duration liveInterval();

    /**
     * How long the live WebSocket waits for a session this service does not know yet before it closes (4404): a
     * client opens it right after starting a session, while the session's start event may still be on its way. The
     * wait holds no thread.
     */
    @WithDefault("15S")
    Duration sessionWait();

    /** First wait before a consumed message whose store write failed is retried (doubling each time). */
    @WithDefault("PT0.1S")
    Duration storeRetryInitialBackOff();

    /** Longest wait between two retries of a failed store write; retries go on until the store is back. */
    @WithDefault("5S")
    Duration storeRetryMaxBackOff();

    /** How often the outbox relay sends what an earlier run could not (it also runs right after every commit). */
    @WithDefault("10S")
    Duration outboxRelayEvery();

    default AttendanceRules rules() {
        return new AttendanceRules(
                gapTolerance().toMillis(),
                smoothing().toMillis(),
                sourceGap().toMillis(),
                leftEarly().toMillis());
    }
}
