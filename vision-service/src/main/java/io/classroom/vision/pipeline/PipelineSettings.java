package io.classroom.vision.pipeline;

import java.nio.file.Path;

/**
 * Settings of one model set, from the service configuration (or tests).
 *
 * @param detectMaxSide frames larger than this (longest side) are scaled down for detection only
 */
public record PipelineSettings(
        Path modelsDir, float scoreThreshold, int detectMaxSide, QualityGate qualityGate, GazeThresholds gaze) {

    public static PipelineSettings defaults(Path modelsDir) {
        return new PipelineSettings(modelsDir, 0.75f, 1280, new QualityGate(40, 15, 50, 40), GazeThresholds.DEFAULTS);
    }
}
