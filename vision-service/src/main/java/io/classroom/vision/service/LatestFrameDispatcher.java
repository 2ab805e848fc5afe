package io.classroom.vision.service;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Newest-frame-per-source scheduling with at-least-once acknowledgement. Each source has one slot for the newest
 * waiting frame and at most one frame in the handler; a waiting frame replaced by a newer one is acknowledged
 * as dropped. A handled frame is acknowledged only when its handler's Uni succeeds (the observation is published
 * and acknowledged by Kafka) and negatively acknowledged when it fails, so a crash never loses an unacknowledged
 * frame. At most two unacknowledged frames per source, and at most {@code maxSources} sources.
 *
 * @param <F> the frame
 * @param <S> per-source state (e.g. the face tracker)
 */
public final class LatestFrameDispatcher<F, S> {

    private final int maxSources;
    private final Function<String, S> newState;
    private final BiFunction<S, F, Uni<Void>> handler;
    private final Runnable onDropped;
    private final Map<String, Slot> sources = new ConcurrentHashMap<>();

    private record Pending<F>(F frame, Message<?> message) {}

    private final class Slot {
        final AtomicReference<Pending<F>> pending = new AtomicReference<>();
        final AtomicBoolean running = new AtomicBoolean();
        final S state;

        Slot(String key) {
            state = newState.apply(key);
        }
    }

    /**
     * @param handler analyses a frame and publishes its observation; the returned Uni completes once published
     * @param onDropped called for every frame dropped (superseded, or too many sources)
     */
    public LatestFrameDispatcher(
            int maxSources, Function<String, S> newState, BiFunction<S, F, Uni<Void>> handler, Runnable onDropped) {
        this.maxSources = maxSources;
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
        var replaced = slot.pending.getAndSet(new Pending<>(frame, message));
        if (replaced != null) {
            drop(replaced.message());
        }
        drain(slot);
    }

    private void drop(Message<?> message) {
        onDropped.run();
        message.ack();
    }

    private void drain(Slot slot) {
        if (slot.pending.get() == null || !slot.running.compareAndSet(false, true)) {
            return;
        }
        var next = slot.pending.getAndSet(null);
        if (next == null) {
            slot.running.set(false);
            drain(slot);
            return;
        }
        Uni.createFrom()
                .deferred(() -> handler.apply(slot.state, next.frame()))
                .subscribe()
                .with(
                        ignored -> {
                            next.message().ack();
                            slot.running.set(false);
                            drain(slot);
                        },
                        failure -> {
                            next.message().nack(failure);
                            slot.running.set(false);
                            drain(slot);
                        });
    }
}
