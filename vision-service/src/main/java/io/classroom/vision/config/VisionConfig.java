package io.classroom.vision.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the vision pipeline, the gallery and the frame workers. */
@ConfigMapping(prefix = "vision")
public interface VisionConfig {

    /** Folder holding the pinned ONNX models (prod: env VISION_MODELS_DIR). */
    String modelsDir();

    /** Model workers, each with its own model set and one thread; defaults to the number of cores. */
    Optional<Integer> workers();

    /** Jobs that may wait for a worker before new requests are refused with 503. */
    @WithDefault("32")
    int queueCapacity();

    /** Image limits. */
    Images images();

    /** Detection. */
    Detection detection();

    /** Quality gate for recognition. */
    Quality quality();

    /** Gaze thresholds. */
    GazeSettings gaze();

    /** Open-set recognition. */
    Recognition recognition();

    /** Gallery rules. */
    Gallery gallery();

    /** Tracking across frames of one source. */
    Tracking tracking();

    /** The board direction a room camera without a stored calibration learns from its faces. */
    AutoCalibration autoCalibration();

    /** Frame intake from Kafka. */
    Frames frames();

    /** classroom-service, asked whether a student is on one of a teacher's rosters. */
    Classroom classroom();

    /** classroom-service, asked whether a student is on one of a teacher's rosters. */
    interface Classroom {
        /** Longest wait for its answer; then the gallery operation is refused with 503 (never allowed). */
        @WithDefault("3S")
        Duration timeout();
    }

    /** Frame intake from Kafka. */
    interface Frames {
        /** Most sources (cameras, webcams) tracked at once; frames of further sources are dropped. */
        @WithDefault("2000")
        int maxSources();

        /**
         * While frames of a source wait for a worker (a backlog), keep one per this much camera time and drop the
         * rest: a replica taking over a partition catches up fast without leaving gaps that look like an outage.
         */
        @WithDefault("2S")
        Duration backlogKeepEvery();

        /** Most frames of one source waiting for a worker; beyond it only the newest is kept. */
        @WithDefault("30")
        int maxWaiting();
    }

    /** Image limits. */
    interface Images {
        /** Largest number of pixels accepted (checked in the header before decoding). */
        @WithDefault("16777216")
        long maxPixels();

        /** Largest width or height accepted. */
        @WithDefault("8192")
        int maxSide();

        /**
         * Largest frame on the live WebSocket ({@code /ws/face-detection}), in pixels: a webcam frame of 1920x1080
         * in either orientation; a larger one is answered with an error message and the connection stays open.
         */
        @WithDefault("2073600")
        long streamMaxPixels();

        /** Longest side of a frame on the live WebSocket. */
        @WithDefault("1920")
        int streamMaxSide();
    }

    /** Detection. */
    interface Detection {
        /** YuNet score threshold (below 0.75 hands are reported as faces). */
        @WithDefault("0.75")
        float scoreThreshold();

        /**
         * Frames with a longer side are scaled down to this for detection; below 1280, faces large enough for the gaze
         * veto are detected again on a window of the frame at up to 1280 px, for precise landmarks (pose, gaze and
         * embeddings read the full frame). 640 detects a 720p frame of small faces 3-4 times faster and still finds
         * every face of 40 px and more (AnalysisResolutionAccuracyTest), but on frames of large faces the refinement
         * costs more than full resolution saves (the vision README), so 720p frames stay at full resolution.
         */
        @WithDefault("1280")
        int maxSide();
    }

    /** Quality gate for recognition. */
    interface Quality {
        /** Minimum face width in pixels for recognition. */
        @WithDefault("40")
        int minFaceWidthPx();

        /** Minimum variance of the Laplacian of the aligned crop. */
        @WithDefault("15")
        double minSharpness();

        /** Faces turned further than this (yaw, degrees) are not recognised. */
        @WithDefault("50")
        double maxYawDeg();

        /** Faces tilted further than this (pitch, degrees) are not recognised. */
        @WithDefault("40")
        double maxPitchDeg();
    }

    /** Gaze thresholds (how the reliability thresholds were measured: vision README, "Attention"). */
    interface GazeSettings {
        /** Minimum eye-region width in pixels for a gaze estimate. */
        @WithDefault("10")
        int minEyeWidthPx();

        /**
         * Minimum eye-region width in pixels for the gaze to veto attention: below it, downscaling alone moves the
         * pupil centroid about as far as a sideways glance.
         */
        @WithDefault("25")
        int minReliableEyeWidthPx();

        /**
         * Minimum pupil contrast ((rest - dark blob) / rest, the weaker eye) for the gaze to veto attention: closed or
         * squinting eyes, glare and flat shadows give no pupil to locate.
         */
        @WithDefault("0.3")
        double minContrast();

        /**
         * Horizontal pupil ratio distance beyond which the gaze is sideways: from the centre for LEFT/RIGHT, from the
         * track's own baseline for the per-track veto.
         */
        @WithDefault("0.17")
        double sideThreshold();

        /** Vertical pupil ratio distance from the centre beyond which the gaze is UP or DOWN. */
        @WithDefault("0.2")
        double verticalThreshold();
    }

    /** Open-set recognition. */
    interface Recognition {
        /** Minimum cosine similarity to accept an identity (same person 0.58-0.81, others at most 0.36). */
        @WithDefault("0.45")
        double threshold();

        /** Required lead of the best user over the second best. */
        @WithDefault("0.05")
        double margin();

        /**
         * Minimum cosine similarity for a webcam frame's largest face to verify 1:1 as the webcam's owner, against the
         * owner's own enrolled faces only. Measured on the face test set (vision README): same person 0.58-0.81,
         * different people at most 0.27; 0.42 sits midway, no false accept or reject there.
         */
        @WithDefault("0.42")
        double ownerThreshold();
    }

    /** Gallery rules. */
    interface Gallery {
        /** Tenants whose students may enrol their own face. */
        Optional<List<String>> studentSelfEnrolmentTenants();

        /** Most faces kept per user. */
        @WithDefault("10")
        int maxFacesPerUser();

        /**
         * After a tombstone, an empty record goes to the same partition of {@code vision.faces.v1} this much later, so
         * the broker rolls the active segment and compaction erases the user's vectors even on a quiet partition. Keep
         * it above the topic's {@code max.compaction.lag.ms} (and {@code segment.ms}).
         */
        @WithDefault("11S")
        Duration segmentRollAfter();
    }

    /** Tracking across frames of one source. */
    interface Tracking {
        /** Minimum box overlap (IoU) to continue a track. */
        @WithDefault("0.3")
        double minIou();

        /** A settled track is re-embedded after this many milliseconds. */
        @WithDefault("3000")
        long reembedMillis();

        /**
         * A settled track whose face has barely moved keeps its measured head pose this many milliseconds instead of
         * measuring it again (the pose is most of a tracked face's cost; the gaze is always measured); 0 measures every
         * frame.
         */
        @WithDefault("3000")
        long stillPoseMillis();

        /** A track not seen for this many milliseconds is dropped. */
        @WithDefault("2000")
        long maxGapMillis();

        /** Frames of history used to smooth identity and attention. */
        @WithDefault("5")
        int window();

        /**
         * Frames (head on the board, reliable gaze) a track needs before its gaze may veto attention; their median
         * horizontal pupil ratio is the track's own frontal baseline.
         */
        @WithDefault("30")
        int gazeBaselineFrames();

        /** Consecutive frames whose reliable gaze must leave the baseline on the same side to veto attention. */
        @WithDefault("3")
        int gazeVetoFrames();
    }

    /**
     * A room camera without a stored calibration takes the median head pose of its faces as the board direction (most
     * students face the board). Learnt in memory by the replica analysing the source; webcams keep straight ahead; a
     * stored calibration always wins.
     */
    interface AutoCalibration {
        /** Whether room cameras learn their board direction. */
        @WithDefault("true")
        boolean enabled();

        /** Capture time, from the source's first analysed frame, over which the faces' head poses are collected. */
        @WithDefault("3M")
        Duration learnFor();

        /** Faces seen before the learnt direction is used (until then: straight ahead). */
        @WithDefault("50")
        int minFaces();
    }
}
