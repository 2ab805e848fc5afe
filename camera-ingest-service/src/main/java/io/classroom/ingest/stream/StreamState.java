package io.classroom.ingest.stream;

/** Life cycle of a camera stream. */
public enum StreamState {
    STOPPED,
    CONNECTING,
    STREAMING,
    RECONNECTING,
    /** A permanent error (auth failed, no such stream, not video): no retry until the camera is started again. */
    FAILED
}
