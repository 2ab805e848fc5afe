package io.classroom.vision.messaging;

import io.classroom.vision.service.GalleryService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps this replica's in-memory gallery current from {@code vision.faces.v1}: a per-instance consumer group
 * reading from the earliest offset, so every replica sees every event and a new one loads the whole topic.
 */
@ApplicationScoped
public class FaceReplicationConsumer {

    private final GalleryService gallery;

    public FaceReplicationConsumer(GalleryService gallery) {
        this.gallery = gallery;
    }

    @Incoming("vision-faces-in")
    public void consume(FaceSetEvent event) {
        gallery.apply(event);
    }
}
