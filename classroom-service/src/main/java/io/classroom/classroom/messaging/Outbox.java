package io.classroom.classroom.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.classroom.OutboxEntry;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Turns an event into an outbox entry. MongoDB changes one document atomically, so the caller stores the entry in the
 * document whose change it announces, with the same insert or update: the event exists exactly when the change does.
 * {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    public OutboxEntry entry(String topic, String key, Event event) {
        var entry = new OutboxEntry();
        entry.eventId = event.eventId().toString();
        entry.topic = topic;
        entry.key = key;
        entry.type = event.type();
        entry.payload = write(event);
        entry.traceparent = traceparent();
        entry.createdAt = Instant.now();
        return entry;
    }

    private String write(Event event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String traceparent() {
        var span = Span.current().getSpanContext();
        return span.isValid()
                ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                        + span.getTraceFlags().asHex()
                : null;
    }
}
