package io.classroom.vision.messaging;

import io.classroom.vision.service.FrameProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Frames from {@code ingest.frames.v1}, read and validated by {@link Frame.Deserializer} (an invalid frame goes to
 * the dead-letter topic and never arrives here), handed to the frame processor, which acknowledges each once its
 * observation is published or a newer frame of the source superseded it (the throttled commit strategy commits per
 * partition up to the oldest unacknowledged offset). Returns at once so frames keep flowing while earlier ones are
 * analysed.
 */
@ApplicationScoped
public class FrameConsumer {

    private final FrameProcessor processor;

    public FrameConsumer(FrameProcessor processor) {
        this.processor = processor;
    }

    @Incoming("ingest-frames-in")
    public CompletionStage<Void> consume(Message<Frame> message) {
        processor.offer(message.getPayload(), message);
        return CompletableFuture.completedFuture(null);
    }
}
