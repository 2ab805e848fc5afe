package io.classroom.vision.facetrack;

import io.classroom.vision.gallery.Recognition.Identity;
import io.classroom.vision.pipeline.DetectedFace;
import io.classroom.vision.pipeline.FaceAnalysis;
import io.classroom.vision.pipeline.FaceEmbedder;
import io.classroom.vision.pipeline.HeadPose;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Follows the faces of one source across frames by box overlap (IoU). A track is re-embedded only when it is
 * new, its identity is uncertain, or the re-embedding interval has passed; a settled track whose face has barely moved
 * keeps its measured head pose for a while ({@link #stillPose}). Its identity is decided on the mean of its
 * sharpest recent embeddings (one blurred or noisy frame neither decides nor flips it) and its attention is the
 * majority over a short window. A frame's attention is its head pose on the board ({@link FaceAnalysis#attentive()})
 * unless the track's gaze vetoes it ({@link GazeBaseline}: reliable, away from the track's own baseline, for several
 * frames). Not thread-safe: the frames of one source are processed one at a time.
 */
public final class FaceTracker {

    private final String sourceId;
    private final double minIou;
    private final long reembedMillis;
    private final long stillPoseMillis;
    private final long maxGapMillis;
    private final int window;
    private final GazeBaseline.Settings gaze;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;

    /**
     * @param stillPoseMillis how long a settled track's measured head pose stands for its barely moved face (0: never)
     * @param gazeSideThreshold horizontal pupil ratio distance from the track's baseline beyond which the gaze is
     *     sideways
     * @param gazeBaselineFrames baseline frames (head on board, reliable gaze) a track needs before its gaze may veto
     * @param gazeVetoFrames consecutive reliable sideways frames (same side) that veto attention
     */
    public FaceTracker(
            String sourceId,
            double minIou,
            long reembedMillis,
            long stillPoseMillis,
            long maxGapMillis,
            int window,
            double gazeSideThreshold,
            int gazeBaselineFrames,
            int gazeVetoFrames) {
        this.sourceId = sourceId;
        this.minIou = minIou;
        this.reembedMillis = reembedMillis;
        this.stillPoseMillis = stillPoseMillis;
        this.maxGapMillis = maxGapMillis;
        this.window = window;
        this.gaze = new GazeBaseline.Settings(gazeSideThreshold, gazeBaselineFrames, gazeVetoFrames);
    }

    /** A face of the current frame with its track and smoothed state. */
    public record TrackedFace(String trackId, FaceAnalysis analysis, Identity identity, boolean attentive) {}

    /**
     * Embedded frames whose vectors are averaged for the track's identity: at 90 px under blur, noise, dim light and
     * JPEG together the mean of the 3 sharpest of 5 frames is recognised where single frames often are not
     * ({@code AccuracyHarnessTest}, "tracks").
     */
    public static final int SHARPEST_FRAMES = 3;

    /**
     * How far (in face widths) each landmark and the box width may move from the frame whose head pose was measured for
     * the face to count as still: a head turning by 4-5 degrees moves the nose about that much, far less than any
     * attention threshold.
     */
    static final double STILL_SHIFT = 0.03;

    /** One embedded frame: its vector, its sharpness and the identity decided on it alone (null for unknown). */
    private record Sample(float[] vector, double sharpness, UUID userId) {}

    private final class Track {
        final String id;
        final GazeBaseline gazeBaseline = new GazeBaseline(gaze);
        DetectedFace box;
        long lastSeen;
        long lastEmbedded = Long.MIN_VALUE;
        final Deque<Sample> samples = new ArrayDeque<>();
        Identity identity;
        final Deque<Boolean> attention = new ArrayDeque<>();
        /** The face whose head pose was last measured, the pose, and when. */
        DetectedFace poseFace;

        HeadPose pose;
        long poseAt;
        /** The face of the current frame that was given {@link #pose} instead of a measurement. */
        DetectedFace poseLentTo;

        Track(String id) {
            this.id = id;
        }
    }

    /** Whether the face must be embedded on this frame. */
    public boolean needsEmbedding(DetectedFace face, long now) {
        var track = bestTrack(face, now);
        return track == null || !settled(track) || now - track.lastEmbedded >= reembedMillis;
    }

    /**
     * The head pose to use for the face without measuring it, or null to measure it: the pose measured on its track,
     * when the track is settled, the measurement younger than {@code stillPoseMillis}, and every landmark (and the box
     * width) within {@link #STILL_SHIFT} face widths of where they were then. The gaze is always measured: eyes move
     * without the head.
     */
    public HeadPose stillPose(DetectedFace face, long now) {
        var track = bestTrack(face, now);
        if (track == null
                || track.pose == null
                || !settled(track)
                || now - track.poseAt >= stillPoseMillis
                || !barelyMoved(track.poseFace, face)) {
            return null;
        }
        track.poseLentTo = face;
        return track.pose;
    }

    /** Embedded at least twice, and the last embedding agrees with the track's identity. */
    private static boolean settled(Track track) {
        return track.samples.size() >= 2
                && Objects.equals(track.samples.peekLast().userId(), userId(track.identity));
    }

    private static boolean barelyMoved(DetectedFace from, DetectedFace to) {
        double limit = STILL_SHIFT * from.width();
        if (Math.abs(to.width() - from.width()) > limit) {
            return false;
        }
        for (int k = 0; k < 5; k++) {
            if (Math.hypot(to.landmarkX(k) - from.landmarkX(k), to.landmarkY(k) - from.landmarkY(k)) > limit) {
                return false;
            }
        }
        return true;
    }

    /**
     * Assigns the frame's faces to tracks and returns them with the track's identity and smoothed attention.
     *
     * @param identify the open-set decision for an embedding (null for unknown)
     */
    public List<TrackedFace> update(List<FaceAnalysis> faces, Function<float[], Identity> identify, long now) {
        tracks.removeIf(t -> now - t.lastSeen > maxGapMillis);
        var assignment = assign(faces);
        var result = new ArrayList<TrackedFace>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            var face = faces.get(i);
            var track = assignment.get(i);
            if (track == null) {
                track = new Track(sourceId + "-" + nextId++);
                tracks.add(track);
            }
            track.box = face.face();
            track.lastSeen = now;
            if (track.poseLentTo != face.face()) {
                track.poseFace = face.face();
                track.pose = face.pose();
                track.poseAt = now;
            }
            track.poseLentTo = null;
            if (face.embedding() != null) {
                var own = identify.apply(face.embedding());
                push(track.samples, new Sample(face.embedding(), face.quality().sharpness(), userId(own)));
                track.identity = track.samples.size() == 1 ? own : identify.apply(meanOfSharpest(track.samples));
                track.lastEmbedded = now;
            }
            boolean gazeVetoes = track.gazeBaseline.update(face);
            push(track.attention, face.attentive() && !gazeVetoes);
            result.add(new TrackedFace(track.id, face, track.identity, smoothedAttention(track)));
        }
        return result;
    }

    public int activeTracks() {
        return tracks.size();
    }

    private HashMap<Integer, Track> assign(List<FaceAnalysis> faces) {
        record Pair(int face, Track track, double iou) {}
        var pairs = new ArrayList<Pair>();
        for (int i = 0; i < faces.size(); i++) {
            for (var track : tracks) {
                double iou = faces.get(i).face().iou(track.box);
                if (iou >= minIou) {
                    pairs.add(new Pair(i, track, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        var assigned = new HashMap<Integer, Track>();
        var used = new HashSet<Track>();
        for (var p : pairs) {
            if (!assigned.containsKey(p.face()) && used.add(p.track())) {
                assigned.put(p.face(), p.track());
            }
        }
        return assigned;
    }

    private Track bestTrack(DetectedFace face, long now) {
        Track best = null;
        double bestIou = minIou;
        for (var track : tracks) {
            if (now - track.lastSeen > maxGapMillis) {
                continue;
            }
            double iou = face.iou(track.box);
            if (iou >= bestIou) {
                best = track;
                bestIou = iou;
            }
        }
        return best;
    }

    /** The normalised mean of the sharpest {@link #SHARPEST_FRAMES} samples. */
    private static float[] meanOfSharpest(Deque<Sample> samples) {
        var sharpest = samples.stream()
                .sorted(Comparator.comparingDouble(Sample::sharpness).reversed())
                .limit(SHARPEST_FRAMES)
                .toList();
        var sum = new float[sharpest.get(0).vector().length];
        for (var sample : sharpest) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += sample.vector()[i];
            }
        }
        return FaceEmbedder.normalise(sum);
    }

    private static UUID userId(Identity identity) {
        return identity == null ? null : identity.userId();
    }

    private static boolean smoothedAttention(Track track) {
        int yes = 0;
        for (boolean a : track.attention) {
            if (a) {
                yes++;
            }
        }
        int no = track.attention.size() - yes;
        return yes == no ? track.attention.peekLast() : yes > no;
    }

    private <T> void push(Deque<T> deque, T value) {
        deque.addLast(value);
        while (deque.size() > window) {
            deque.removeFirst();
        }
    }
}
