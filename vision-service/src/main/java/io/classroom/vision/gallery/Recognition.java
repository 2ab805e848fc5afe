package io.classroom.vision.gallery;

import java.util.UUID;

/**
 * Open-set decision: accept the best user only when the similarity reaches the threshold and beats the best
 * other user by the margin.
 */
public record Recognition(double threshold, double margin) {

    /** An accepted identity. */
    public record Identity(UUID userId, double similarity) {}

    /** The accepted identity, or null for an unknown face. */
    public Identity decide(GalleryIndex.Match match) {
        if (match.userId() == null || match.similarity() < threshold) {
            return null;
        }
        if (match.secondUserId() != null && match.similarity() - match.secondSimilarity() < margin) {
            return null;
        }
        return new Identity(match.userId(), match.similarity());
    }
}
