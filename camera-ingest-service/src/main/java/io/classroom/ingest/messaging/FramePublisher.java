package io.classroom.ingest.messaging;

import io.classroom.ingest.Frame;
import io.classroom.ingest.stream.FrameSink;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes frames on ingest.frames.v1: key = sourceId, value = JPEG bytes, metadata in headers, and the W3C
 * {@code traceparent} header of the frame's trace. The trace is the caller's current one, captured here because the
 * record is sent later on another thread: a stream worker's thread has none, so each camera frame starts a trace; a
 * webcam upload continues the request's (or the trace its WebSocket message names).
 */
@ApplicationScoped
public class FramePublisher implements FrameSink {

    public static final String CONTENT_TYPE = "image/jpeg";

    private final Emitter<byte[]> emitter;

    public FramePublisher(
            @Channel("ingest-frames-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 256)
                    Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @Override
    public CompletionStage<Void> publish(Frame frame) {
        var recordHeaders = new RecordHeaders();
        headers(frame).forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        var kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(frame.sourceId())
                .withHeaders(recordHeaders)
                .build();
        // SmallRye's producer span (which writes traceparent) takes its parent from the metadata's current context, and
        // without one from whatever context the sending thread has; the previous context is not read for sends.
        var trace = TracingMetadata.withCurrent(Context.current());
        return Sends.acknowledged(emitter, frame.jpeg(), Metadata.of(kafka, trace));
    }

    /** The frame's headers (Frame.headers.schema.json), in order; absent values have no header. */
    public static Map<String, String> headers(Frame frame) {
        var headers = new LinkedHashMap<String, String>();
        put(headers, "frameId", frame.frameId());
        put(headers, "sourceId", frame.sourceId());
        put(headers, "sessionId", frame.sessionId());
        put(headers, "userId", frame.userId());
        put(
                headers,
                "capturedAt",
                DateTimeFormatter.ISO_INSTANT.format(frame.capturedAt().truncatedTo(ChronoUnit.MILLIS)));
        put(headers, "width", Integer.toString(frame.width()));
        put(headers, "height", Integer.toString(frame.height()));
        put(headers, "tenantId", frame.tenantId());
        put(headers, "contentType", CONTENT_TYPE);
        return headers;
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
