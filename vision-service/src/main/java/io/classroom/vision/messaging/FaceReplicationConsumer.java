package io.classroom.vision.messaging;

import io.classroom.vision.service.GalleryService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps this replica's in-memory gallery current from {@code vision.faces.v1}: a per-instance consumer group
 * reading from the earliest offset, so every replica sees every event and a new one loads the whole topic.
 *
 * <p>A user left without faces is a tombstone (key userId, null value, the tenant in the {@code tenantId} header),
 * which compaction uses to remove the user's earlier records, vectors included. Kafka hands a null value over without
 * calling the value deserializer, so it arrives here as a record with a null value (never on the dead-letter topic)
 * and means "no faces".
 */
@ApplicationScoped
public class FaceReplicationConsumer {

    private final GalleryService gallery;

    public FaceReplicationConsumer(GalleryService gallery) {
        this.gallery = gallery;
    }

    @Incoming("vision-faces-in")
    public void consume(ConsumerRecord<String, FaceSetEvent> record) {
        apply(record.key(), record.headers(), record.value(), gallery);
    }

    /** @throws IllegalArgumentException for a tombstone whose key is not a user id (dead-lettered) */
    static void apply(String key, Headers headers, FaceSetEvent event, GalleryService gallery) {
        if (event != null) {
            gallery.apply(event);
            return;
        }
        if (GalleryService.SEGMENT_ROLL_KEY.equals(key)) {
            return; // only there to let the broker roll the segment
        }
        var tenant = headers.lastHeader(GalleryService.TENANT_HEADER);
        gallery.forget(
                tenant == null ? null : new String(tenant.value(), StandardCharsets.UTF_8), UUID.fromString(key));
    }
}
