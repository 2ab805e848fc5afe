package io.classroom.vision.service;

import io.classroom.vision.gallery.Recognition;
import io.classroom.vision.pipeline.FaceAnalysis;

/**
 * A face of a frame with its (possibly smoothed) identity and attention.
 *
 * @param trackId the track across frames of one source, null outside tracking
 * @param identity null when unknown or not requested
 */
public record AnalysedFace(FaceAnalysis analysis, String trackId, boolean attentive, Recognition.Identity identity) {}
