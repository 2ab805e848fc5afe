package io.classroom.ingest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Why a camera gives no video, as callers see it: coarse on purpose. A closed port, a silent one and one that answers
 * something other than RTSP all read {@link #UNREACHABLE}, so a connection test cannot map the network beyond what
 * the egress allow-list permits anyway; the exact cause goes to the server log only.
 */
@Schema(description = "Why the camera gives no video")
public enum CameraFailure {
    /** No RTSP server answered at that address (closed, filtered, silent, timed out or not RTSP). */
    UNREACHABLE("No RTSP server answered at this address"),
    /** An RTSP server answered and refused the credentials (or asked for some and there were none). */
    AUTH_FAILED("The camera refused the credentials"),
    /** An RTSP server answered but offers no video stream at that path. */
    NOT_A_VIDEO_STREAM("The camera offers no video stream at this path"),
    /** The camera's address is outside the allowed camera networks (or it redirected there): nothing was sent. */
    NOT_ALLOWED("The address is not in the allowed camera networks");

    private final String description;

    CameraFailure(String description) {
        this.description = description;
    }

    /** A fixed sentence for the API's {@code detail}: never anything the camera or ffmpeg said. */
    public String description() {
        return description;
    }
}
