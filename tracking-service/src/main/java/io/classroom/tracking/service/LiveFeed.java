package io.classroom.tracking.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.LiveStudent;
import io.classroom.tracking.PersonalLive;
import io.classroom.tracking.config.TrackingConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fan-out of live changes to WebSocket subscribers across replicas: whichever replica processes an observation
 * publishes the changed students on Redis pub/sub; every replica receives them, keeps the latest state per student
 * and sends one delta per session to its own subscribers at most once per {@code tracking.live-interval}: at once
 * when the session's last delta is older than that (so a change reaches the teacher without waiting for a tick),
 * else when the interval is over, with every change of the meantime.
 */
@ApplicationScoped
public class LiveFeed {

    private static final String CHANNEL_PREFIX = "tracking:live:";

    /**
     * A delta or snapshot as sent to subscribers: per student of a class session (attentive, gaze direction, flags,
     * ...), and for a personal session also {@code personal} (current activity, face found, gaze, attentive, focus
     * share so far; null for class sessions). A delta carries the W3C trace context of the latest frame in it, so a
     * client can join the trace of the frame it shows (capture → vision → tracking → here).
     */
    public record LiveMessage(
            String type, String sessionId, List<LiveStudent> students, PersonalLive personal, String traceparent) {

        public static LiveMessage snapshot(String sessionId, List<LiveStudent> students) {
            return new LiveMessage("snapshot", sessionId, students, null, null);
        }

        public static LiveMessage snapshot(String sessionId, List<LiveStudent> students, PersonalLive personal) {
            return new LiveMessage("snapshot", sessionId, students, personal, null);
        }
    }

    /** What travels over Redis pub/sub between replicas. */
    record Change(List<LiveStudent> students, PersonalLive personal, String traceparent) {}

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final Map<String, Set<WebSocketConnection>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LiveStudent>> pending = new ConcurrentHashMap<>();
    /** The latest personal-session view of each session with a delta due. */
    private final Map<String, PersonalLive> pendingPersonal = new ConcurrentHashMap<>();
    /** The trace context of the latest change of each session with a delta due. */
    private final Map<String, String> pendingTrace = new ConcurrentHashMap<>();
    /** Sessions with a delta due (sent now or by a timer), and when each session's last delta went out. */
    private final Set<String> due = ConcurrentHashMap.newKeySet();

    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final long intervalMillis;

    public LiveFeed(ReactiveRedisDataSource redis, ObjectMapper json, Vertx vertx, TrackingConfig config) {
        this.redis = redis;
        this.json = json;
        this.vertx = vertx;
        this.intervalMillis = config.liveInterval().toMillis();
    }

    void subscribe(@Observes StartupEvent startup) {
        redis.pubsub(String.class)
                .subscribeToPattern(CHANNEL_PREFIX + "*", this::received)
                .subscribe()
                .with(
                        ignored -> Log.debug("Subscribed to live updates"),
                        e -> Log.errorf(e, "Cannot subscribe to live updates"));
    }

    private void received(String channel, String message) {
        String sessionId = channel.substring(CHANNEL_PREFIX.length());
        if (!subscribers.containsKey(sessionId)) {
            return;
        }
        try {
            Change change = json.readValue(message, Change.class);
            // compute() is atomic with the flush's remove(): no update slips between the two
            pending.compute(sessionId, (id, latest) -> {
                Map<String, LiveStudent> merged = latest == null ? new LinkedHashMap<>() : latest;
                change.students().forEach(student -> merged.put(student.userId(), student));
                if (change.personal() != null) {
                    pendingPersonal.put(sessionId, change.personal());
                }
                if (change.traceparent() != null) {
                    pendingTrace.put(sessionId, change.traceparent());
                }
                return merged;
            });
            schedule(sessionId);
        } catch (JsonProcessingException e) {
            Log.warnf("Unreadable live update on %s: %s", channel, e.getMessage());
        }
    }

    /**
     * Announces changed students of a session (and a personal session's view, may be null) to every replica, with the
     * trace of the frame that changed them.
     */
    public Uni<Void> publish(String sessionId, List<LiveStudent> students, PersonalLive personal, String traceparent) {
        if (students.isEmpty() && personal == null) {
            return Uni.createFrom().voidItem();
        }
        try {
            var change = new Change(students, personal, traceparent);
            return redis.pubsub(String.class).publish(CHANNEL_PREFIX + sessionId, json.writeValueAsString(change));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    public void register(String sessionId, WebSocketConnection connection) {
        subscribers
                .computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet())
                .add(connection);
    }

    public void unregister(String sessionId, WebSocketConnection connection) {
        subscribers.computeIfPresent(sessionId, (id, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        if (!subscribers.containsKey(sessionId)) {
            pending.remove(sessionId);
            pendingPersonal.remove(sessionId);
            pendingTrace.remove(sessionId);
            lastSent.remove(sessionId);
        }
    }

    private void schedule(String sessionId) {
        if (!due.add(sessionId)) {
            return;
        }
        long wait = lastSent.getOrDefault(sessionId, 0L) + intervalMillis - System.currentTimeMillis();
        if (wait <= 0) {
            flush(sessionId);
        } else {
            vertx.setTimer(wait, timer -> flush(sessionId));
        }
    }

    private void flush(String sessionId) {
        due.remove(sessionId);
        Map<String, LiveStudent> latest = pending.remove(sessionId);
        PersonalLive personal = pendingPersonal.remove(sessionId);
        String traceparent = pendingTrace.remove(sessionId);
        Set<WebSocketConnection> connections = subscribers.get(sessionId);
        if (latest == null || (latest.isEmpty() && personal == null) || connections == null) {
            return;
        }
        lastSent.put(sessionId, System.currentTimeMillis());
        var delta = new LiveMessage("delta", sessionId, List.copyOf(latest.values()), personal, traceparent);
        for (WebSocketConnection connection : connections) {
            if (connection.isOpen()) {
                connection.sendText(delta).subscribe().with(ok -> {}, e -> Log.debugf("Live send failed: %s", e));
            }
        }
    }
}
