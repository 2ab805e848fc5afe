package io.classroom.ingest;

/**
 * A student's personal focus session as far as webcam frames are concerned (from tracking.activity.v1): whose it is
 * and whether frames are published ({@link State#RUNNING}), answered as ignored ({@link State#PAUSED}) or refused
 * ({@link State#ENDED}).
 */
public record PersonalSession(String sessionId, String tenantId, String ownerId, State state) {

    /** Where a personal session stands. */
    public enum State {
        RUNNING,
        PAUSED,
        ENDED
    }
}
