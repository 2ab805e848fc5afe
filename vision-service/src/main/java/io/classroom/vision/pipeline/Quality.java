package io.classroom.vision.pipeline;

/**
 * Whether a face is good enough for recognition; unusable faces still count for presence.
 *
 * @param sharpness variance of the Laplacian of the aligned 112x112 crop
 * @param reason why it is unusable, null when usable
 */
public record Quality(int faceWidthPx, double sharpness, boolean usable, String reason) {}
