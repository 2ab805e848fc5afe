package io.classroom.vision.gallery;

import java.util.OptionalDouble;
import java.util.UUID;

/**
 * 1:1 decision for a webcam frame: its largest face is its owner when the best cosine similarity to the owner's own
 * enrolled faces reaches the threshold. No other user is a candidate, so there is no margin; a user without enrolment
 * is never verified. The threshold is measured on the face test set (vision README, OwnerVerificationAccuracyTest).
 */
public record OwnerVerification(double threshold) {

    /** The owner as the face's identity, or null when the face does not verify (or the owner has no enrolment). */
    public Recognition.Identity decide(UUID ownerId, OptionalDouble bestSimilarity) {
        if (bestSimilarity.isEmpty() || bestSimilarity.getAsDouble() < threshold) {
            return null;
        }
        return new Recognition.Identity(ownerId, bestSimilarity.getAsDouble());
    }
}
