package io.classroom.tracking;

import java.util.ArrayList;
import java.util.List;

/** Live state of one class session, stored as JSON in Redis; times are epoch milliseconds. */
public class ClassSessionState {
    public String sessionId;
    public String tenantId;
    public String classId;
    public String teacherId;
    public List<String> roster = new ArrayList<>();
    public List<String> cameraIds = new ArrayList<>();
    public long startedAt;
    public Long plannedEnd;
    public Long endedAt;
    public double thresholdPct = 75;
    public long lateGraceSeconds;
    /** capturedAt of the first and latest frame from any source of the session. */
    public Long firstFrameAt;

    public Long lastFrameAt;
    /**
     * Runs of frames from any source ([first, last] capture times, sorted, disjoint) whose consecutive frames are at
     * most the source gap apart; the time between runs is camera outage. Kept as runs, not as a running total, so
     * the result does not depend on the order in which the cameras' frames arrive.
     */
    public List<long[]> runs = new ArrayList<>();

    public long frames;
    /** Faces not recognised as a roster member: counted, never attributed. */
    public long unknownFaceObservations;

    public int maxUnknownFacesInFrame;
}
