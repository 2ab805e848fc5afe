package io.classroom.ingest.service;

import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.error.Problems;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Frames per second per user over fixed one-second windows, shared by all replicas: one Redis hash per user holds the
 * window it counts and the count, updated by one script. The window comes from {@link InstantSource} (tests hold it
 * still), and a count never depends on when Redis expires a key: the key only outlives an idle user for a minute.
 */
@ApplicationScoped
public class WebcamRateLimiter {

    private static final String COUNT = "if redis.call('hget', KEYS[1], 'window') == ARGV[1] then"
            + " local n = redis.call('hincrby', KEYS[1], 'count', 1) redis.call('pexpire', KEYS[1], ARGV[2]) return n"
            + " end redis.call('hset', KEYS[1], 'window', ARGV[1], 'count', 1)"
            + " redis.call('pexpire', KEYS[1], ARGV[2]) return 1";
    private static final Duration IDLE_TTL = Duration.ofMinutes(1);

    private final RedisDataSource redis;
    private final InstantSource clock;
    private final int framesPerSecond;

    public WebcamRateLimiter(RedisDataSource redis, InstantSource clock, IngestConfig config) {
        this.redis = redis;
        this.clock = clock;
        this.framesPerSecond = config.webcam().framesPerSecond();
    }

    /** Counts a frame of the user; 429 with {@code Retry-After: 1} beyond the limit of the current window. */
    public void check(String userId) {
        var window = Long.toString(clock.instant().getEpochSecond());
        var count = redis.execute("EVAL", COUNT, "1", key(userId), window, Long.toString(IDLE_TTL.toMillis()));
        if (count != null && count.toLong() > framesPerSecond) {
            throw Problems.tooManyRequests("at most " + framesPerSecond + " frames per second", 1);
        }
    }

    static String key(String userId) {
        return "ingest:webcam:rate:" + userId;
    }
}
