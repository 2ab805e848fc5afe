package io.classroom.tracking;

/**
 * A student's own webcam frame as the attendance rules see it: whose webcam it is, whether its largest face verified
 * 1:1 against that student's enrolment (only then does it count for them), that face's attentiveness and gaze
 * direction, and how many other faces were in the frame (never attributed to anyone; they flag the owner).
 */
public record WebcamSighting(String ownerId, boolean verified, boolean attentive, String gaze, int othersInFrame) {}
