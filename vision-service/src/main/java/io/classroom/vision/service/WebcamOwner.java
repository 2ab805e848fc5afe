package io.classroom.vision.service;

import io.classroom.vision.facetrack.FaceTracker.TrackedFace;
import io.classroom.vision.gallery.Recognition;
import java.util.ArrayList;
import java.util.List;

/** The identities of a webcam frame: the verified owner on the largest face, nobody on any other face. */
final class WebcamOwner {

    private WebcamOwner() {}

    /**
     * The frame's faces with identities replaced: the face at {@code largest} gets {@code owner} (null when it did not
     * verify), every other face none, whatever a track remembered.
     */
    static List<TrackedFace> credit(List<TrackedFace> faces, int largest, Recognition.Identity owner) {
        var credited = new ArrayList<TrackedFace>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            var f = faces.get(i);
            credited.add(new TrackedFace(f.trackId(), f.analysis(), i == largest ? owner : null, f.attentive()));
        }
        return credited;
    }
}
