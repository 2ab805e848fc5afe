package io.classroom.ingest;

import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;

/** Reads ingest.cameras.v1 (camera announcements) as the service publishes them. */
public final class CamerasTopic {

    public static final String TOPIC = "ingest.cameras.v1";

    private CamerasTopic() {}

    /** Starts consuming new announcements of one camera (key) from now on; waits until partitions are assigned. */
    public static ConsumerTask<String, String> follow(KafkaCompanion kafka, String cameraId) {
        if (!kafka.topics().list().contains(TOPIC)) {
            try {
                kafka.topics().createAndWait(TOPIC, 3);
            } catch (RuntimeException e) {
                // Created meanwhile by the service's producer.
            }
        }
        var consumer = kafka.consumeStrings()
                .withGroupId("camera-ingest-test-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "latest");
        var task = consumer.fromTopics(Set.of(TOPIC), multi -> multi.select().where(r -> cameraId.equals(r.key())));
        consumer.waitForAssignment().await().atMost(Duration.ofSeconds(60));
        return task;
    }

    /** The snapshot of an announcement, decoded. */
    public static BufferedImage image(JsonPath event) {
        try {
            var image = ImageIO.read(
                    new ByteArrayInputStream(Base64.getDecoder().decode(event.getString("snapshot.data"))));
            if (image == null) {
                throw new IllegalStateException("the snapshot is not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
