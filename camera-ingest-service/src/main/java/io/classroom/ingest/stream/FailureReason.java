package io.classroom.ingest.stream;

/** Why a stream or a connection test did not deliver video. */
public enum FailureReason {
    UNREACHABLE(false),
    AUTH_FAILED(true),
    STREAM_NOT_FOUND(true),
    NOT_A_VIDEO_STREAM(true),
    TIMEOUT(false),
    STREAM_ENDED(false),
    PROCESS_ERROR(false);

    private final boolean permanent;

    FailureReason(boolean permanent) {
        this.permanent = permanent;
    }

    /** Permanent reasons move the camera to FAILED; the others are retried with backoff. */
    public boolean permanent() {
        return permanent;
    }
}
