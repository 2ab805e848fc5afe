package io.classroom.ingest.service;

import io.classroom.ingest.PersonalSession;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Personal sessions from tracking.activity.v1, in Redis so every replica can check webcam frames: the hash
 * {@code ingest:personal-session:<id>} (tenantId, ownerId, state). A running or paused session is kept for
 * {@link #OPEN_TTL} after its latest event, an ended one for {@link #ENDED_TTL} (its frames are refused as ended, then
 * as unknown). The expiry counts from the event's own time, so an old event read again (a new consumer group reads
 * the topic from its start) expires as it would have. An ended session never opens again.
 */
@ApplicationScoped
public class PersonalSessionStore {

    /** A focus session without any event for this long is forgotten. */
    static final Duration OPEN_TTL = Duration.ofHours(24);

    static final Duration ENDED_TTL = Duration.ofHours(1);

    /** KEYS[1] the hash; ARGV tenantId, ownerId, state, time to live in ms (0 or less: already expired). */
    private static final String APPLY = "if redis.call('hget', KEYS[1], 'state') == 'ENDED' then"
            + " if tonumber(ARGV[4]) <= 0 then redis.call('del', KEYS[1]) end return 0 end"
            + " if tonumber(ARGV[4]) <= 0 then"
            + " if ARGV[3] == 'ENDED' then redis.call('del', KEYS[1]) end return 0 end"
            + " redis.call('hset', KEYS[1], 'tenantId', ARGV[1], 'ownerId', ARGV[2], 'state', ARGV[3])"
            + " redis.call('pexpire', KEYS[1], ARGV[4]) return 1";

    private final RedisDataSource redis;
    private final InstantSource clock;

    public PersonalSessionStore(RedisDataSource redis, InstantSource clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Records the state a session reached at {@code at}; idempotent, so a redelivered event changes nothing. */
    public void apply(PersonalSession session, Instant at) {
        var ttl = session.state() == PersonalSession.State.ENDED ? ENDED_TTL : OPEN_TTL;
        long millis = Duration.between(clock.instant(), at.plus(ttl)).toMillis();
        redis.execute(
                "EVAL",
                APPLY,
                "1",
                key(session.sessionId()),
                session.tenantId(),
                session.ownerId(),
                session.state().name(),
                Long.toString(millis));
    }

    public Optional<PersonalSession> find(String sessionId) {
        var fields = redis.hash(String.class).hgetall(key(sessionId));
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        PersonalSession.State state;
        try {
            state = PersonalSession.State.valueOf(fields.getOrDefault("state", ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new PersonalSession(sessionId, fields.get("tenantId"), fields.get("ownerId"), state));
    }

    static String key(String sessionId) {
        return "ingest:personal-session:" + sessionId;
    }
}
