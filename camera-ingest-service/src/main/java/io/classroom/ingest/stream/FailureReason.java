package io.classroom.ingest.stream;

import io.classroom.ingest.CameraFailure;

/**
 * Why a stream or a connection test did not deliver video, as precisely as the logs want it; callers only see its
 * {@link #coarse()} reason.
 */
public enum FailureReason {
    UNREACHABLE(false, CameraFailure.UNREACHABLE),
    AUTH_FAILED(true, CameraFailure.AUTH_FAILED),
    STREAM_NOT_FOUND(true, CameraFailure.NOT_A_VIDEO_STREAM),
    NOT_A_VIDEO_STREAM(true, CameraFailure.NOT_A_VIDEO_STREAM),
    /** The address is outside the allow-list, or the camera redirected: nothing was (or is any longer) sent. */
    NOT_ALLOWED(true, CameraFailure.NOT_ALLOWED),
    TIMEOUT(false, CameraFailure.UNREACHABLE),
    STREAM_ENDED(false, CameraFailure.UNREACHABLE),
    PROCESS_ERROR(false, CameraFailure.UNREACHABLE);

    private final boolean permanent;
    private final CameraFailure coarse;

    FailureReason(boolean permanent, CameraFailure coarse) {
        this.permanent = permanent;
        this.coarse = coarse;
    }

    /** Permanent reasons move the camera to FAILED; the others are retried with backoff. */
    public boolean permanent() {
        return permanent;
    }

    /** What callers see. */
    public CameraFailure coarse() {
        return coarse;
    }
}
