package io.classroom.vision.pipeline;

import java.util.List;

/**
 * Learns where the board is for one room camera without a stored calibration: most students face the board, so the
 * median head pose of the faces seen over the source's first {@code learnForMillis} of capture time is the board
 * direction (a minority looking elsewhere does not move a median). Used once {@code minFaces} faces were seen; frozen
 * once the learning time has passed (and enough faces were seen), so a class that later turns to a window does not
 * drag it. Capture time comes from the frames, so the result does not depend on processing speed. Poses are counted
 * in 1-degree bins: the memory per source is fixed however long it learns. Not thread-safe: one source's frames are
 * analysed one at a time.
 */
public final class BoardLearner {

    private static final int RANGE_DEG = 90;

    private final long learnForMillis;
    private final int minFaces;
    private final Calibration tolerances;
    private final int[] yawBins = new int[2 * RANGE_DEG + 1];
    private final int[] pitchBins = new int[2 * RANGE_DEG + 1];
    private long firstFrame = Long.MIN_VALUE;
    private int faces;
    private boolean frozen;
    private volatile Calibration learnt;

    /** @param tolerances the yaw/pitch tolerances of the learnt calibration (its board angles are ignored) */
    public BoardLearner(long learnForMillis, int minFaces, Calibration tolerances) {
        this.learnForMillis = learnForMillis;
        this.minFaces = Math.max(1, minFaces);
        this.tolerances = tolerances;
    }

    /** Counts the head poses of one frame captured at {@code capturedAtMillis}. */
    public void observe(long capturedAtMillis, List<HeadPose> poses) {
        if (frozen) {
            return;
        }
        if (firstFrame == Long.MIN_VALUE) {
            firstFrame = capturedAtMillis;
        }
        for (var pose : poses) {
            yawBins[bin(pose.yawDeg())]++;
            pitchBins[bin(pose.pitchDeg())]++;
            faces++;
        }
        if (faces >= minFaces) {
            learnt = new Calibration(
                    median(yawBins), median(pitchBins), tolerances.yawToleranceDeg(), tolerances.pitchToleranceDeg());
            frozen = capturedAtMillis - firstFrame >= learnForMillis;
        }
    }

    /** The learnt board direction, null until enough faces were seen. */
    public Calibration learnt() {
        return learnt;
    }

    /** Whether learning is over (the learnt calibration no longer changes). */
    public boolean frozen() {
        return frozen;
    }

    private static int bin(double deg) {
        return (int) Math.round(Math.max(-RANGE_DEG, Math.min(RANGE_DEG, deg))) + RANGE_DEG;
    }

    private int median(int[] bins) {
        int half = (faces + 1) / 2;
        int seen = 0;
        for (int i = 0; i < bins.length; i++) {
            seen += bins[i];
            if (seen >= half) {
                return i - RANGE_DEG;
            }
        }
        return 0;
    }
}
