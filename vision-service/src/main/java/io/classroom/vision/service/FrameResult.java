package io.classroom.vision.service;

import java.util.List;

/** The analysis of one image. */
public record FrameResult(int width, int height, List<AnalysedFace> faces) {}
