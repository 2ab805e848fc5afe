package io.classroom.vision.service;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Per-source scheduling of frames that thins a backlog instead of skipping it, with at-least-once acknowledgement.
 * Each source has at most one frame in the handler. Frames that arrive meanwhile wait; a waiting frame less than
 * {@code keepEveryMillis} (capture time) after the frame before it is replaced by a newer one and acknowledged as
 * dropped. So a backlog (a replica taking over a partition, a slow worker) is analysed at one frame per
 * {@code keepEveryMillis} of camera time, leaving no gap that would look like a camera outage, and with no backlog
 * nothing is dropped. At most {@code maxWaiting} frames wait per source; beyond that only the newest is replaced.
 * A handled frame is acknowledged only when its handler's Uni succeeds (the observation is published and
 * acknowledged by Kafka) and negatively acknowledged when it fails, so a crash never loses an unacknowledged frame.
 * At most {@code maxSources} sources.
 *
 * @param <F> the frame
 * @param <S> per-source state (e.g. the face tracker)
 */
public final class FrameDispatcher<F, S> {

    private final int maxSources;
    private final int maxWaiting;
    private final long keepEveryMillis;
    private final ToLongFunction<F> capturedAt;
    private final Function<String, S> newState;
    private final BiFunction<S, F, Uni<Void>> handler;
    private final Runnable onDropped;
    private final Map<String, Slot> sources = new ConcurrentHashMap<>();

    private record Pending<F>(F frame, Message<?> message) {}

    /** A source's waiting frames and whether one is in the handler; guarded by its own monitor. */
    private final class Slot {
        final Deque<Pending<F>> waiting = new ArrayDeque<>();
        final S state;
        boolean running;
        /** Capture time of the last frame handed to the handler. */
        long lastHandled = Long.MIN_VALUE;

        Slot(String key) {
            state = newState.apply(key);
        }
    }

    /**
     * @param capturedAt a frame's capture time in epoch millis
     * @param handler analyses a frame and publishes its observation; the returned Uni completes once published
     * @param onDropped called for every frame dropped (thinned out, or too many sources)
     */
    public FrameDispatcher(
            int maxSources,
            int maxWaiting,
            long keepEveryMillis,
            ToLongFunction<F> capturedAt,
            Function<String, S> newState,
            BiFunction<S, F, Uni<Void>> handler,
            Runnable onDropped) {
        this.maxSources = maxSources;
        this.maxWaiting = Math.max(1, maxWaiting);
        this.keepEveryMillis = keepEveryMillis;
        this.capturedAt = capturedAt;
        this.newState = newState;
        this.handler = handler;
        this.onDropped = onDropped;
    }

    /** Accepts a frame of a source; returns at once, {@code message} is acknowledged later. */
    public void offer(String sourceKey, F frame, Message<?> message) {
        var slot = sources.get(sourceKey);
        if (slot == null) {
            if (sources.size() >= maxSources) {
                drop(message);
                return;
            }
            slot = sources.computeIfAbsent(sourceKey, Slot::new);
        }
        Pending<F> replaced = null;
        synchronized (slot) {
            var newest = slot.waiting.peekLast();
            if (newest != null && (slot.waiting.size() >= maxWaiting || tooClose(slot, newest))) {
                replaced = slot.waiting.pollLast();
            }
            slot.waiting.addLast(new Pending<>(frame, message));
        }
        if (replaced != null) {
            drop(replaced.message());
        }
        drain(slot);
    }

    /** Whether the newest waiting frame is too close to the frame before it to be kept once a newer one came. */
    private boolean tooClose(Slot slot, Pending<F> newest) {
        long before = slot.lastHandled;
        if (slot.waiting.size() >= 2) {
            var it = slot.waiting.descendingIterator();
            it.next();
            before = capturedAt.applyAsLong(it.next().frame());
        }
        return before != Long.MIN_VALUE && capturedAt.applyAsLong(newest.frame()) - before < keepEveryMillis;
    }

    private void drop(Message<?> message) {
        onDropped.run();
        message.ack();
    }

    private void drain(Slot slot) {
        Pending<F> next;
        synchronized (slot) {
            if (slot.running || slot.waiting.isEmpty()) {
                return;
            }
            next = slot.waiting.pollFirst();
            slot.running = true;
            slot.lastHandled = capturedAt.applyAsLong(next.frame());
        }
        Uni.createFrom()
                .deferred(() -> handler.apply(slot.state, next.frame()))
                .subscribe()
                .with(
                        ignored -> {
                            next.message().ack();
                            finished(slot);
                        },
                        failure -> {
                            next.message().nack(failure);
                            finished(slot);
                        });
    }

    private void finished(Slot slot) {
        synchronized (slot) {
            slot.running = false;
        }
        drain(slot);
    }
}
