package io.classroom.tracking.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.OutboxEntry;
import io.classroom.tracking.repository.OutboxRepository;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes events into the outbox, inside the caller's transaction: the event exists exactly when the change it
 * announces was committed. {@link OutboxRelay} publishes it after the commit.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository entries;
    private final ObjectMapper json;

    public Outbox(OutboxRepository entries, ObjectMapper json) {
        this.entries = entries;
        this.json = json;
    }

    /** Must run inside the transaction of the change ({@code Panache.withTransaction}). */
    public Uni<Void> add(String topic, String key, Event event) {
        var entry = new OutboxEntry();
        entry.id = event.eventId();
        entry.topic = topic;
        entry.key = key;
        entry.type = event.type();
        entry.payload = write(event);
        entry.traceparent = Traceparent.of(Context.current());
        entry.createdAt = Instant.now();
        return entries.persist(entry).replaceWithVoid();
    }

    private String write(Event event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
