package io.classroom.tracking.messaging;

import io.classroom.tracking.service.FrameService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code vision.observations.v1}: frames of one source arrive in capturedAt order (the topic is keyed by source) and
 * are applied one at a time; the offset is committed only after the Redis transaction stored the frame's effect
 * (a store failure is retried, see {@link StoreRetry}).
 */
@ApplicationScoped
public class ObservationConsumer {

    private final FrameService frames;
    private final StoreRetry retry;

    public ObservationConsumer(FrameService frames, StoreRetry retry) {
        this.frames = frames;
        this.retry = retry;
    }

    /** The tracing metadata holds the trace of the frame, which the live update to the teacher continues. */
    @Incoming("vision-observations-in")
    public Uni<Void> consume(FrameAnalyzed frame, TracingMetadata tracing) {
        String traceparent = tracing == null ? null : Traceparent.of(tracing.getCurrentContext());
        return retry.untilStored("vision.observations.v1", () -> frames.process(frame, traceparent));
    }
}
