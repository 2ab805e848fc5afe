package io.classroom.vision.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.testing.EventSchemas;
import io.classroom.testing.TestTokens;
import io.classroom.vision.pipeline.TestAssets;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Frames in (camera-ingest's golden headers + JPEG), one schema-valid FrameAnalyzed out per frame on the real broker,
 * continuing the frame's trace; invalid frames go to the dead-letter topic with their bytes and the reason.
 */
@QuarkusTest
class FrameMessagingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN =
            EventSchemas.moduleDir("camera-ingest-service").resolve("src/test/resources/events/ingest.frames.v1");
    private static final String DEAD_LETTERS = "ingest.frames.v1.vision-service.dlq";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Test
    void everyFrameYieldsOneValidObservation() throws Exception {
        var tenant = TestTokens.newTenant();
        var source = "cam-" + UUID.randomUUID();
        var group = TestAssets.read(TestAssets.faces().resolve("group/obama_and_biden.jpg"));
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            var first = frame(tenant, source, "f1", Files.readAllBytes(GOLDEN.resolve("Frame.jpg")), Map.of());
            var second = frame(tenant, source + "-b", "f2", group, Map.of("width", "2000", "height", "1428"));
            kafka.produce(byte[].class).fromRecords(first, second).awaitCompletion(Duration.ofSeconds(60));

            var observations = kafka.consumeStrings()
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(
                            FrameAnalyzed.TOPIC,
                            m -> m.filter(r -> r.value().contains(tenant))
                                    .select()
                                    .first(2))
                    .awaitCompletion(Duration.ofSeconds(60))
                    .getRecords();

            assertThat(observations).hasSize(2);
            for (var record : observations) {
                assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, record.value()))
                        .as(record.value())
                        .isEmpty();
                var event = JSON.readTree(record.value());
                assertThat(event.get("tenantId").asText()).isEqualTo(tenant);
                assertThat(record.key()).isEqualTo(event.get("sourceId").asText());
                if (event.get("frameId").asText().equals("f2")) {
                    assertThat(event.get("faces")).hasSize(3);
                    assertThat(event.get("unknownFaces").asInt()).isEqualTo(3);
                    assertThat(event.get("sessionId").asText())
                            .isEqualTo(golden().get("sessionId").asText());
                    assertThat(event.get("faces").get(0).get("trackId").asText())
                            .startsWith(source + "-b-");
                }
            }
        }
    }

    @Test
    void invalidFramesGoToTheDeadLetterTopicWithTheirBytesAndTheReason() {
        var tenant = TestTokens.newTenant();
        var source = "cam-" + UUID.randomUUID();
        byte[] notAnImage = "garbage".getBytes(StandardCharsets.UTF_8);
        byte[] jpeg = TestAssets.read(GOLDEN.resolve("Frame.jpg"));
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            kafka.produce(byte[].class)
                    .fromRecords(
                            frame(tenant, source + "-a", "undecodable", notAnImage, Map.of()),
                            frame(tenant, source + "-b", "png", jpeg, Map.of("contentType", "image/png")),
                            frame(tenant, source + "-c", "no-time", jpeg, Map.of("capturedAt", "")),
                            frame(tenant, source + "-d", "valid", jpeg, Map.of()))
                    .awaitCompletion(Duration.ofSeconds(60));

            var dead = kafka.consume(byte[].class)
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(
                            DEAD_LETTERS,
                            m -> m.filter(r -> tenant.equals(header(r, "tenantId")))
                                    .select()
                                    .first(3))
                    .awaitCompletion(Duration.ofSeconds(60))
                    .getRecords();

            assertThat(dead).hasSize(3);
            var byFrame = new HashMap<String, ConsumerRecord<String, byte[]>>();
            dead.forEach(r -> byFrame.put(header(r, "frameId"), r));
            assertThat(byFrame.keySet()).containsExactlyInAnyOrder("undecodable", "png", "no-time");
            assertThat(byFrame.get("undecodable").value()).isEqualTo(notAnImage);
            assertThat(header(byFrame.get("undecodable"), "dead-letter-reason")).contains("could not be analysed");
            assertThat(byFrame.get("png").value()).isEqualTo(jpeg);
            assertThat(header(byFrame.get("png"), "dead-letter-reason"))
                    .contains("headers.contentType must be image/jpeg");
            assertThat(header(byFrame.get("no-time"), "dead-letter-reason")).contains("headers.capturedAt");

            // the valid frame behind them is still analysed
            kafka.consumeStrings()
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(
                            FrameAnalyzed.TOPIC,
                            m -> m.filter(r -> r.value().contains(tenant))
                                    .select()
                                    .first(1))
                    .awaitCompletion(Duration.ofSeconds(60));
        }
    }

    @Test
    void theObservationContinuesTheTraceOfItsFrame() {
        var tenant = TestTokens.newTenant();
        var traceId = UUID.randomUUID().toString().replace("-", "");
        // unsampled (flags 00), as local runs and tests sample nothing: the trace id must still propagate
        var traceparent = "00-" + traceId + "-00f067aa0ba902b7-00";
        var jpeg = TestAssets.read(GOLDEN.resolve("Frame.jpg"));
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            kafka.produce(byte[].class)
                    .fromRecords(frame(
                            tenant, "cam-" + UUID.randomUUID(), "traced", jpeg, Map.of("traceparent", traceparent)))
                    .awaitCompletion(Duration.ofSeconds(60));

            var observation = kafka.consumeStrings()
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(
                            FrameAnalyzed.TOPIC,
                            m -> m.filter(r -> r.value().contains(tenant))
                                    .select()
                                    .first(1))
                    .awaitCompletion(Duration.ofSeconds(60))
                    .getFirstRecord();

            var propagated = header(observation, "traceparent");
            assertThat(propagated).isNotNull();
            assertThat(propagated.split("-")[1]).isEqualTo(traceId);
            // a span of its own in the same trace, not the frame's header copied
            assertThat(propagated).isNotEqualTo(traceparent);
        }
    }

    /** A frame record with camera-ingest's golden headers, for this test's tenant and source, some replaced. */
    private static ProducerRecord<String, byte[]> frame(
            String tenant, String source, String frameId, byte[] jpeg, Map<String, String> replaced) {
        var record = new ProducerRecord<String, byte[]>("ingest.frames.v1", source, jpeg);
        var headers = new LinkedHashMap<String, String>();
        golden().fields()
                .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        headers.put("tenantId", tenant);
        headers.put("sourceId", source);
        headers.put("frameId", frameId);
        headers.put("capturedAt", Instant.now().toString());
        headers.putAll(replaced);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static JsonNode golden() {
        try {
            return JSON.readTree(Files.readString(GOLDEN.resolve("Frame.headers.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<String, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
