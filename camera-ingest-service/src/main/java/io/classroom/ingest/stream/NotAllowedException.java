package io.classroom.ingest.stream;

/**
 * A camera host that resolves (also) to an address outside the egress allow-list: nothing was sent to it. The message
 * names the host and the refused addresses for the server log; callers only learn {@code NOT_ALLOWED}.
 */
public class NotAllowedException extends Exception {

    public NotAllowedException(String message) {
        super(message);
    }
}
