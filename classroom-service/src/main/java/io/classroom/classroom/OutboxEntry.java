package io.classroom.classroom;

import java.time.Instant;

/**
 * An event waiting to be published, embedded in the document whose change it announces and written by the same
 * update: MongoDB (and the local server, which has no multi-document transactions) changes one document atomically,
 * so the event exists exactly when the change does. The relay pulls it once Kafka acknowledged it (CONTRIBUTING.md).
 */
public class OutboxEntry {

    /** The event's own {@code eventId}: consumers dedupe a re-sent event by it. */
    public String eventId;

    public String topic;
    public String key;
    public String type;

    /** The event as JSON. */
    public String payload;

    /** W3C trace context of the change, so the published record continues its trace. */
    public String traceparent;

    public Instant createdAt;
}
