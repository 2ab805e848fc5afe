package io.classroom.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.ingest.Frame;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * What the publisher hands the Kafka channel, without Kafka: the key, the headers and the trace the record is sent in.
 * The record leaves on another thread, so the caller's trace must travel in the message's metadata as its current
 * context (SmallRye's producer span parent); WebcamFrameResourceIT checks the traceparent on the real topic.
 */
class FramePublisherTest {

    private final CapturingEmitter emitter = new CapturingEmitter();
    private final FramePublisher publisher = new FramePublisher(emitter);

    private static Frame frame() {
        return new Frame(
                "cam:1", "cam", "school-1", null, null, Instant.parse("2026-09-01T08:10:00Z"), 2, 2, new byte[] {1});
    }

    @Test
    void theCallersTraceTravelsWithTheFrame() {
        var caller = SpanContext.createFromRemoteParent(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getDefault(),
                TraceState.getDefault());

        try (var scope = Context.root().with(Span.wrap(caller)).makeCurrent()) {
            publisher.publish(frame());
        }

        var parent = TracingMetadata.fromMessage(emitter.sent.get(0))
                .map(TracingMetadata::getCurrentContext)
                .orElseThrow();
        assertThat(Span.fromContext(parent).getSpanContext()).isEqualTo(caller);
    }

    @Test
    void aFrameOfAThreadWithoutTraceStartsOne() {
        publisher.publish(frame());

        var parent = TracingMetadata.fromMessage(emitter.sent.get(0))
                .map(TracingMetadata::getCurrentContext)
                .orElseThrow();
        assertThat(Span.fromContext(parent).getSpanContext().isValid()).isFalse();
    }

    @Test
    void sendsTheJpegKeyedBySourceWithTheHeadersAndCompletesWithTheAck() {
        var done = publisher.publish(frame());

        Message<?> message = emitter.sent.get(0);
        assertThat(message.getPayload()).isEqualTo(new byte[] {1});
        @SuppressWarnings("unchecked")
        var kafka = (OutgoingKafkaRecordMetadata<String>)
                message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(kafka.getKey()).isEqualTo("cam");
        assertThat(new String(kafka.getHeaders().lastHeader("capturedAt").value(), StandardCharsets.UTF_8))
                .isEqualTo("2026-09-01T08:10:00Z");
        assertThat(done).isNotDone();
        message.ack();
        assertThat(done).isCompleted();
    }

    /** Records what the publisher sends instead of sending it. */
    private static final class CapturingEmitter implements Emitter<byte[]> {
        final List<Message<?>> sent = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> send(byte[] payload) {
            sent.add(Message.of(payload));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends byte[]>> void send(M message) {
            sent.add(message);
        }

        @Override
        public void complete() {}

        @Override
        public void error(Exception e) {}

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
