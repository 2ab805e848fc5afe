package io.classroom.classroom.messaging;

/** An event of {@code classroom.sessions.v1}, keyed by class id so a class's events stay in order. */
public sealed interface ClassSessionEvent extends Event permits ClassSessionStarted, ClassSessionEnded {

    String TOPIC = "classroom.sessions.v1";

    String classId();
}
