package io.classroom.vision.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.pipeline.TestAssets;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Frames in (golden headers + JPEG), one schema-valid FrameAnalyzed out per frame, on the real broker. */
@QuarkusTest
class FrameMessagingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Test
    void everyFrameYieldsOneValidObservation() throws Exception {
        var dir = Schemas.sibling("camera-ingest-service/src/test/resources/events/ingest.frames.v1");
        var golden = Schemas.readTree(dir.resolve("Frame.headers.json"));
        var tenant = "test-" + UUID.randomUUID();
        var source = "cam-" + UUID.randomUUID();
        var group = TestAssets.read(TestAssets.faces().resolve("group/obama_and_biden.jpg"));
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var first = frame(golden, tenant, source, "f1", Files.readAllBytes(dir.resolve("Frame.jpg")), 320, 240);
            var second = frame(golden, tenant, source + "-b", "f2", group, 2000, 1428);
            var broken = frame(golden, tenant, source + "-c", "f3", "garbage".getBytes(), 10, 10);
            kafka.produce(byte[].class).fromRecords(first, second, broken).awaitCompletion(Duration.ofSeconds(20));

            var observations = kafka.consumeStrings()
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(
                            "vision.observations.v1",
                            m -> m.filter(r -> r.value().contains(tenant))
                                    .select()
                                    .first(2))
                    .awaitCompletion(Duration.ofSeconds(60))
                    .getRecords();
            assertThat(observations).hasSize(2);
            for (var record : observations) {
                Schemas.assertValid("events/vision.observations.v1/FrameAnalyzed.schema.json", record.value());
                var event = Schemas.JSON.readTree(record.value());
                assertThat(event.get("tenantId").asText()).isEqualTo(tenant);
                assertThat(record.key()).isEqualTo(event.get("sourceId").asText());
                if (event.get("frameId").asText().equals("f2")) {
                    assertThat(event.get("faces")).hasSize(3);
                    assertThat(event.get("unknownFaces").asInt()).isEqualTo(3);
                    assertThat(event.get("sessionId").asText())
                            .isEqualTo(golden.get("sessionId").asText());
                    assertThat(event.get("faces").get(0).get("trackId").asText())
                            .startsWith(source + "-b-");
                }
            }
        }
    }

    private static ProducerRecord<String, byte[]> frame(
            com.fasterxml.jackson.databind.JsonNode golden,
            String tenant,
            String source,
            String frameId,
            byte[] jpeg,
            int width,
            int height) {
        var record = new ProducerRecord<String, byte[]>("ingest.frames.v1", source, jpeg);
        golden.fields().forEachRemaining(e -> {
            var value = switch (e.getKey()) {
                case "tenantId" -> tenant;
                case "sourceId" -> source;
                case "frameId" -> frameId;
                case "capturedAt" -> Instant.now().toString();
                case "width" -> Integer.toString(width);
                case "height" -> Integer.toString(height);
                default -> e.getValue().asText();
            };
            record.headers().add(e.getKey(), value.getBytes(StandardCharsets.UTF_8));
        });
        return record;
    }
}
