package io.classroom.vision.facetrack;

import io.classroom.vision.pipeline.FaceAnalysis;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One track's gaze against its own frontal baseline: the median horizontal pupil ratio over the frames where its head
 * faces the board and the gaze is reliable. A constant personal offset (dark make-up, shadows, glasses shift the
 * pupil centroid the same way every frame) is thus never a glance; only a reliable gaze that leaves the baseline by
 * more than the side threshold, on the same side for {@code vetoFrames} consecutive frames, vetoes attention. An
 * unreliable frame (small eyes, low contrast, no gaze) breaks the run. Ratios are counted in bins of 0.01 (0..1):
 * fixed memory, and a minority of glances does not move the median.
 */
final class GazeBaseline {

    /**
     * @param sideThreshold horizontal ratio distance from the baseline beyond which the gaze is sideways
     * @param minFrames baseline frames needed before the gaze may veto
     * @param vetoFrames consecutive sideways frames (same side) that veto
     */
    record Settings(double sideThreshold, int minFrames, int vetoFrames) {}

    private static final int BINS = 101;

    private final Settings settings;
    private final int[] bins = new int[BINS];
    private int frames;
    private final Deque<Integer> sides = new ArrayDeque<>();

    GazeBaseline(Settings settings) {
        this.settings = settings;
    }

    /** Adds a frame's face; whether its gaze vetoes attention now. */
    boolean update(FaceAnalysis face) {
        var gaze = face.gaze();
        int side = 0;
        if (gaze != null && gaze.reliable()) {
            if (frames >= settings.minFrames()) {
                double offset = gaze.horizontalRatio() - median();
                side = Math.abs(offset) > settings.sideThreshold() ? (int) Math.signum(offset) : 0;
            }
            if (face.attentive()) {
                bins[bin(gaze.horizontalRatio())]++;
                frames++;
            }
        }
        sides.addLast(side);
        while (sides.size() > settings.vetoFrames()) {
            sides.removeFirst();
        }
        return side != 0
                && sides.size() == settings.vetoFrames()
                && sides.stream().allMatch(s -> s == sides.peekLast());
    }

    private static int bin(double ratio) {
        return (int) Math.round(Math.max(0, Math.min(1, ratio)) * (BINS - 1));
    }

    private double median() {
        int half = (frames + 1) / 2;
        int seen = 0;
        for (int i = 0; i < BINS; i++) {
            seen += bins[i];
            if (seen >= half) {
                return i / (double) (BINS - 1);
            }
        }
        return 0.5;
    }
}
