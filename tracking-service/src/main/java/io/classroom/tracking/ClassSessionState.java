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
    /** When the schedule said the session starts (epoch ms; null when started by hand): lateness counts from it. */
    public Long scheduledStart;

    public Long plannedEnd;
    public Long endedAt;
    public double thresholdPct = 75;
    public long lateGraceSeconds;
    /** capturedAt of the first and latest frame from any source of the session (room cameras and webcams). */
    public Long firstFrameAt;

    public Long lastFrameAt;
    /**
     * Runs of room-camera frames ([first, last] capture times, sorted, disjoint) whose consecutive frames are at most
     * the source gap apart; the time between runs is camera outage. Kept as runs, not as a running total, so the
     * result does not depend on the order in which the cameras' frames arrive. Webcams never make runs: a silent
     * webcam is its student's absence, not an outage.
     */
    public List<long[]> runs = new ArrayList<>();

    /** Frames applied: all of them, and those of roster members' own webcams. */
    public long frames;

    public long webcamFrames;
    /** Faces not recognised as a roster member: counted, never attributed. */
    public long unknownFaceObservations;

    public int maxUnknownFacesInFrame;
}
