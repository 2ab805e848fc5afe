package io.classroom.tracking;

/** Attendance status of a roster member: PENDING while the session runs. */
public enum AttendanceStatus {
    PENDING,
    PRESENT,
    ABSENT
}
