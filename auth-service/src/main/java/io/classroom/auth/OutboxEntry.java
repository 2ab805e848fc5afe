package io.classroom.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting to be published: written in the transaction of the change it announces, deleted by the relay once
 * Kafka acknowledged it (transactional outbox, CONTRIBUTING.md).
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry {

    /** The event's own {@code eventId}: consumers dedupe a re-sent event by it. */
    @Id
    public UUID id;

    /** Insertion order (an identity column): the relay sends in this order. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String key;

    @Column(nullable = false)
    public String type;

    /** The event as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    /** W3C trace context of the change, so the published record continues its trace. */
    public String traceparent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
