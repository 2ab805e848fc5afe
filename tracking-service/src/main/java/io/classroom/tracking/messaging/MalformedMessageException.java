package io.classroom.tracking.messaging;

/** A message that cannot be understood; it goes to the channel's dead-letter topic with this reason. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String reason) {
        super(reason);
    }

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
