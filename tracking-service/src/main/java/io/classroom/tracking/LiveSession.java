package io.classroom.tracking;

import java.time.Instant;
import java.util.List;

/**
 * Live state of a class session: per roster member, plus unattributed faces and camera outages. {@code frames} counts
 * every frame applied, {@code webcamFrames} those of roster members' own webcams (which make no outages).
 */
public record LiveSession(
        String sessionId,
        String classId,
        String state,
        Instant startedAt,
        Instant scheduledStart,
        String trigger,
        Instant endedAt,
        Instant lastFrameAt,
        long frames,
        long webcamFrames,
        long outageSeconds,
        List<Outage> outages,
        long unknownFaceObservations,
        int maxUnknownFacesInFrame,
        List<LiveStudent> students) {

    /** A stretch with no frame from any room camera of the session: excluded from durations, not the students' absence. */
    public record Outage(Instant from, Instant to) {}
}
