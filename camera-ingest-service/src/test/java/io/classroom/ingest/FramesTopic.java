package io.classroom.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads ingest.frames.v1 with the real serdes and checks headers against the published schema. */
public final class FramesTopic {

    public static final String TOPIC = "ingest.frames.v1";

    private static final JsonSchema HEADERS_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(FramesTopic.class.getResourceAsStream("/events/ingest.frames.v1/Frame.headers.schema.json"));

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
        consumer.waitForAssignment().await().atMost(Duration.ofSeconds(30));
        return task;
    }

    public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        var headers = new LinkedHashMap<String, String>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    /** Schema violations of a record's headers (empty when valid). */
    public static Set<?> violations(ConsumerRecord<String, byte[]> record) {
        return HEADERS_SCHEMA.validate(new ObjectMapper().valueToTree(headers(record)));
    }
}
