package io.classroom.vision.messaging;

import io.classroom.vision.service.FrameProcessor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Frames from {@code ingest.frames.v1}, handed to the frame processor, which acknowledges each once its observation
 * is published or a newer frame of the source superseded it (the throttled commit strategy commits per partition
 * up to the oldest unacknowledged offset). Returns at once so frames keep flowing while earlier ones are analysed;
 * a frame with bad headers is counted, skipped and acknowledged.
 */
@ApplicationScoped
public class FrameConsumer {

    private final FrameProcessor processor;
    private final Counter rejected;

    public FrameConsumer(FrameProcessor processor, MeterRegistry metrics) {
        this.processor = processor;
        this.rejected = Counter.builder("vision.frames.rejected")
                .description("frames with missing or malformed headers")
                .register(metrics);
    }

    @Incoming("frames-in")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        try {
            if (metadata == null) {
                throw new IllegalArgumentException("not a Kafka record");
            }
            var headers = FrameHeaders.parse(metadata.getHeaders());
            if (!"image/jpeg".equals(headers.contentType())) {
                throw new IllegalArgumentException("content type " + headers.contentType() + " is not image/jpeg");
            }
            processor.offer(new FrameProcessor.Frame(headers, message.getPayload()), message);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            rejected.increment();
            Log.warnf("vision: frame skipped: %s", e.getMessage());
        }
        return message.ack();
    }
}
