package io.classroom.tracking;

/** One face of an analysed frame: the recognised roster member (null when unknown) and whether it looked at the board. */
public record FaceSighting(String userId, boolean attentive) {}
