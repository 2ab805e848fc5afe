package io.classroom.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads ingest.frames.v1 with the real serdes and checks headers against the published schema
 * ({@code events/ingest.frames.v1/Frame.headers.schema.json}, formats asserted as in EventSchemas). The headers are
 * not a JSON event with a {@code type}, so the JSON of the headers is validated here against that one schema.
 */
public final class FramesTopic {

    public static final String TOPIC = "ingest.frames.v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema HEADERS_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(
                    FramesTopic.class.getResourceAsStream("/events/ingest.frames.v1/Frame.headers.schema.json"),
                    SchemaValidatorsConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build());

    private FramesTopic() {}

    /** Starts consuming new records of one source (key) from now on; waits until partitions are assigned. */
    public static ConsumerTask<String, byte[]> follow(KafkaCompanion kafka, String key) {
        if (!kafka.topics().list().contains(TOPIC)) {
            try {
                kafka.topics().createAndWait(TOPIC, 3);
            } catch (RuntimeException e) {
                // Created meanwhile by the service's producer.
            }
        }
        var consumer = kafka.consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer())
                .withGroupId("camera-ingest-test-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "latest");
        var task = consumer.fromTopics(Set.of(TOPIC), multi -> multi.select().where(r -> key.equals(r.key())));
        consumer.waitForAssignment().await().atMost(Duration.ofSeconds(60));
        return task;
    }

    /** A record's headers except {@code traceparent}, which tracing adds beside the schema's. */
    public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        var headers = new LinkedHashMap<String, String>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        headers.remove("traceparent");
        return headers;
    }

    /** The W3C trace context a record carries, or null. */
    public static String traceparent(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Schema violations of a record's headers (empty when valid). */
    public static Set<ValidationMessage> violations(ConsumerRecord<String, byte[]> record) {
        return violations(headers(record));
    }

    /** Schema violations of frame headers, validated as their JSON object (empty when valid). */
    public static Set<ValidationMessage> violations(Map<String, String> headers) {
        try {
            return HEADERS_SCHEMA.validate(JSON.writeValueAsString(headers), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
