package io.classroom.tracking;

import java.time.Instant;
import java.util.List;

/**
 * What the live feed shows per student; {@code seenAt} is the capture time of the latest observation of them,
 * {@code gazeDirection} that of their latest face (LEFT, CENTER, RIGHT, UP, DOWN; null when none), {@code flags} what
 * their latest webcam frame showed ({@code OTHERS_IN_FRAME}, {@code WEBCAM_NOT_VERIFIED}) and
 * {@code framesWithOthers} how many of their webcam frames showed other faces.
 */
public record LiveStudent(
        String userId,
        boolean presentNow,
        boolean attentiveNow,
        double engagedPct,
        AttendanceStatus status,
        Instant seenAt,
        String gazeDirection,
        List<String> flags,
        long framesWithOthers) {}
