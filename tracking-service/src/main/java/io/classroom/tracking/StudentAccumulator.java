package io.classroom.tracking;

/** Running attendance totals of one roster member in one class session; times are epoch milliseconds. */
public class StudentAccumulator {
    public String userId;
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

    public StudentAccumulator() {}

    public StudentAccumulator(String userId) {
        this.userId = userId;
    }
}
