package io.classroom.vision.pipeline;

/**
 * Head orientation in degrees (FSA-Net, two models averaged) plus the landmark yaw ratio used as a cross-check.
 *
 * @param yawDeg positive when the nose points to the image's left (the subject turns to their own right)
 * @param landmarkYawRatio nose offset from the eye/mouth midline in inter-ocular units, roll removed; opposite
 *     sign to yawDeg
 */
public record HeadPose(double yawDeg, double pitchDeg, double rollDeg, double landmarkYawRatio) {}
