package io.classroom.auth.messaging;

import java.util.UUID;

/** An event this service publishes: the envelope fields the outbox needs (the record carries the rest). */
public interface Event {

    UUID eventId();

    String type();
}
