package io.classroom.tracking;

/** Running attendance totals of one roster member in one class session; times are epoch milliseconds. */
public class StudentAccumulator {
    public String userId;
    /** First and latest sighting (null while never seen: a webcam frame that did not verify sees nobody). */
    public Long firstSeen;

    public Long lastSeen;
    public long presentMs;
    public long engagedMs;
    /** Presence intervals so far (a new one starts after a gap longer than the tolerance). */
    public int intervals;
    /** Smoothed attentiveness. */
    public boolean attentive;

    public Long lastAttentiveAt;
    public Long attentiveRunStart;
    public long observations;
    /** Gaze direction of the latest face of this student (any camera), and its capture time. */
    public String gaze;

    public Long gazeAt;
    /** Frames of the student's own webcam, those whose face did not verify, and those with other faces in them. */
    public long webcamFrames;

    public long unverifiedFrames;
    public long framesWithOthers;
    /** The latest webcam frame of the student (capture time) and what it showed: flags for the teacher. */
    public Long lastWebcamAt;

    public boolean lastWebcamVerified;
    public boolean lastWebcamOthers;

    public StudentAccumulator() {}

    public StudentAccumulator(String userId) {
        this.userId = userId;
    }
}
