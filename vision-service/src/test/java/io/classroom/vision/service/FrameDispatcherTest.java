package io.classroom.vision.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** Acknowledgement and newest-frame-per-source scheduling, with a fake publisher the test completes by hand. */
class FrameDispatcherTest {

    /** Frames handed to the fake publisher, each completed by the test when "Kafka acknowledges" it. */
    private final Map<String, CompletableFuture<Void>> publishing = new ConcurrentHashMap<>();

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> acked = new CopyOnWriteArrayList<>();
    private final List<String> nacked = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();

    /** A frame named "f<n>" (or "a<n>", ...) is captured at n seconds; a backlog keeps one frame per 2 s, at most 4 waiting. */
    private final FrameDispatcher<String, List<String>> dispatcher = new FrameDispatcher<>(
            2,
            4,
            2_000,
            frame -> Long.parseLong(frame.replaceAll("\\D", "")) * 1000,
            key -> new ArrayList<>(),
            (state, frame) -> {
                handled.add(frame);
                state.add(frame);
                var sent = new CompletableFuture<Void>();
                publishing.put(frame, sent);
                return Uni.createFrom().completionStage(sent);
            },
            dropped::incrementAndGet);

    private Message<String> message(String frame) {
        return Message.of(frame)
                .withAck(() -> {
                    acked.add(frame);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    nacked.add(frame);
                    return CompletableFuture.completedFuture(null);
                });
    }

    private void offer(String source, String frame) {
        dispatcher.offer(source, frame, message(frame));
    }

    @Test
    void frameIsAckedOnlyOnceItsObservationIsPublished() {
        offer("cam-1", "f1");

        assertThat(handled).containsExactly("f1");
        assertThat(acked).isEmpty();

        publishing.get("f1").complete(null);
        assertThat(acked).containsExactly("f1");
        assertThat(nacked).isEmpty();
    }

    /** Completes the publication of every frame handed over so far, and of those it lets through, in order. */
    private void publishAll() {
        for (int i = 0; i < handled.size(); i++) {
            publishing.get(handled.get(i)).complete(null);
        }
    }

    @Test
    void aBacklogIsThinnedToOneFramePerKeepIntervalWithoutGaps() {
        offer("cam-1", "f0");
        for (int second = 1; second <= 7; second++) {
            offer("cam-1", "f" + second);
        }

        publishAll();

        // one frame per 2 s of camera time kept, and the newest
        assertThat(handled).containsExactly("f0", "f2", "f4", "f6", "f7");
        assertThat(dropped).hasValue(3);
        assertThat(acked).containsExactlyInAnyOrder("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7");
    }

    @Test
    void beyondMaxWaitingOnlyTheNewestIsReplaced() {
        offer("cam-1", "f0");
        for (int second = 1; second <= 9; second++) {
            offer("cam-1", "f" + second);
        }

        publishAll();

        assertThat(handled).containsExactly("f0", "f2", "f4", "f6", "f9");
        assertThat(dropped).hasValue(5);
    }

    @Test
    void withoutABacklogNothingIsDropped() {
        for (int second = 0; second < 5; second++) {
            offer("cam-1", "f" + second);
            publishing.get("f" + second).complete(null);
        }

        assertThat(handled).containsExactly("f0", "f1", "f2", "f3", "f4");
        assertThat(dropped).hasValue(0);
    }

    @Test
    void supersededWaitingFrameIsDroppedCountedAndAcked() {
        offer("cam-1", "f1");
        offer("cam-1", "f2");
        offer("cam-1", "f3");

        // f1 on the worker, f2 replaced by f3 while waiting.
        assertThat(acked).containsExactly("f2");
        assertThat(dropped).hasValue(1);
        assertThat(handled).containsExactly("f1");

        publishing.get("f1").complete(null);
        assertThat(acked).containsExactly("f2", "f1");
        assertThat(handled).containsExactly("f1", "f3");

        publishing.get("f3").complete(null);
        assertThat(acked).containsExactly("f2", "f1", "f3");
    }

    @Test
    void failedPublicationIsNackedAndTheSourceGoesOn() {
        offer("cam-1", "f1");
        offer("cam-1", "f2");

        publishing.get("f1").completeExceptionally(new IllegalStateException("broker down"));
        assertThat(nacked).containsExactly("f1");
        assertThat(acked).doesNotContain("f1");
        assertThat(handled).containsExactly("f1", "f2");

        publishing.get("f2").complete(null);
        assertThat(acked).containsExactly("f2");
    }

    @Test
    void sourcesAreAckedIndependentlyAndTheirNumberIsBounded() {
        offer("cam-1", "a1");
        offer("cam-2", "b1");
        offer("cam-3", "c1");

        // Only two sources are tracked: c1 is dropped (and acked) at once.
        assertThat(acked).containsExactly("c1");
        assertThat(dropped).hasValue(1);

        // A slow source does not hold back the acknowledgement of another.
        publishing.get("b1").complete(null);
        assertThat(acked).containsExactly("c1", "b1");
        publishing.get("a1").complete(null);
        assertThat(acked).containsExactly("c1", "b1", "a1");
    }
}
