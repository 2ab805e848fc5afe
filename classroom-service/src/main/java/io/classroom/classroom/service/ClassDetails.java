package io.classroom.classroom.service;

import io.classroom.classroom.Schedule;

/**
 * What a teacher sets on a class when creating or replacing it; a null threshold or late grace takes the configured
 * default (create) or keeps the current value (replace).
 */
public record ClassDetails(
        String title,
        String description,
        Schedule schedule,
        String defaultRoomId,
        Integer attendanceThreshold,
        Integer lateGraceMinutes) {}
