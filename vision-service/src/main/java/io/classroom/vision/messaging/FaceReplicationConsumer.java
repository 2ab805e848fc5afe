package io.classroom.vision.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ObjectMapper json;

    public FaceReplicationConsumer(GalleryService gallery, ObjectMapper json) {
        this.gallery = gallery;
        this.json = json;
    }

    @Incoming("faces-in")
    public void consume(String value) throws JsonProcessingException {
        var event = json.readValue(value, FaceSetEvent.class);
        if (event.tenantId() == null || event.userId() == null) {
            throw new IllegalArgumentException("face event without tenantId or userId");
        }
        gallery.apply(event);
    }
}
