package io.classroom.analytics.messaging;

/** A message that can never be applied; it goes to the channel's dead-letter topic with this reason. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
