package io.classroom.tracking.messaging;

import io.classroom.tracking.service.FrameService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code vision.observations.v1}: frames of one source arrive in capturedAt order (the topic is keyed by source) and
 * are applied one at a time; the offset is committed only after the Redis transaction stored the frame's effect
 * (a store failure is retried, see {@link StoreRetry}).
 */
@ApplicationScoped
public class ObservationConsumer {

    private final MessageParser parser;
    private final FrameService frames;
    private final StoreRetry retry;

    public ObservationConsumer(MessageParser parser, FrameService frames, StoreRetry retry) {
        this.parser = parser;
        this.frames = frames;
        this.retry = retry;
    }

    @Incoming("observations")
    public Uni<Void> consume(String payload) {
        FrameAnalyzed frame;
        try {
            frame = parser.frameAnalyzed(payload);
        } catch (MalformedMessageException e) {
            return Uni.createFrom().failure(e);
        }
        return retry.untilStored("vision.observations.v1", () -> frames.process(frame));
    }
}
