package io.classroom.vision.messaging;

import java.util.UUID;

/** An event this service publishes (serialised by Jackson, shaped as its schema under {@code events/<topic>/}). */
public interface Event {

    UUID eventId();

    String type();
}
