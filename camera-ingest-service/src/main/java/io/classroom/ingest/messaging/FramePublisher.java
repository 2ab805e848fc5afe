package io.classroom.ingest.messaging;

import io.classroom.ingest.Frame;
import io.classroom.ingest.stream.FrameSink;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes frames on ingest.frames.v1: key = sourceId, value = JPEG bytes, metadata in headers. */
@ApplicationScoped
public class FramePublisher implements FrameSink {

    public static final String CONTENT_TYPE = "image/jpeg";

    private final Emitter<byte[]> emitter;

    public FramePublisher(
            @Channel("frames-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 256)
                    Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @Override
    public CompletionStage<Void> publish(Frame frame) {
        var headers = new RecordHeaders();
        header(headers, "frameId", frame.frameId());
        header(headers, "sourceId", frame.sourceId());
        header(headers, "sessionId", frame.sessionId());
        header(headers, "userId", frame.userId());
        header(
                headers,
                "capturedAt",
                DateTimeFormatter.ISO_INSTANT.format(frame.capturedAt().truncatedTo(ChronoUnit.MILLIS)));
        header(headers, "width", Integer.toString(frame.width()));
        header(headers, "height", Integer.toString(frame.height()));
        header(headers, "tenantId", frame.tenantId());
        header(headers, "contentType", CONTENT_TYPE);
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(frame.sourceId())
                .withHeaders(headers)
                .build();
        var done = new CompletableFuture<Void>();
        emitter.send(Message.of(
                frame.jpeg(),
                Metadata.of(metadata),
                () -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                error -> {
                    done.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
