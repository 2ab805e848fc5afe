package io.classroom.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.service.SessionStore;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** classroom.sessions.v1 over the real broker: what cannot be read goes to the dead-letter topic, the rest applies. */
@QuarkusTest
class ClassSessionMessagingIT {

    private static final String TOPIC = "classroom.sessions.v1";
    private static final String DEAD_LETTERS = "classroom.sessions.v1.camera-ingest-service.dlq";
    /** Only bounds a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Inject
    SessionStore sessions;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Test
    void anUnreadableEventIsDeadLetteredWithItsReasonAndTheNextOneApplies() throws Exception {
        var tenant = TestTokens.newTenant();
        var sessionId = UUID.randomUUID();
        var student = UUID.randomUUID().toString();
        var unreadable =
                "{\"eventId\":\"%s\",\"type\":\"ClassSessionStarted\",\"tenantId\":\"%s\",\"sessionId\":\"nope\"}"
                        .formatted(UUID.randomUUID(), tenant);
        var started = new ObjectMapper()
                .writeValueAsString(Map.of(
                        "eventId", UUID.randomUUID().toString(),
                        "type", ClassSessionEvent.STARTED,
                        "occurredAt", Instant.now().toString(),
                        "tenantId", tenant,
                        "sessionId", sessionId.toString(),
                        "roster", List.of(student),
                        "cameraIds", List.of(),
                        "plannedEnd", Instant.now().plusSeconds(600).toString()));
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            // Same key, same partition: the valid event comes after the unreadable one.
            kafka.produceStrings()
                    .fromRecords(
                            new ProducerRecord<>(TOPIC, tenant, unreadable),
                            new ProducerRecord<>(TOPIC, tenant, started))
                    .awaitCompletion(HANG);

            var dead = kafka.consumeStrings()
                    .fromTopics(
                            DEAD_LETTERS,
                            m -> m.filter(r -> r.value() != null && r.value().contains(tenant)))
                    .awaitRecords(1, HANG);
            var record = dead.getFirstRecord();
            assertThat(record.value()).isEqualTo(unreadable);
            var reason = record.headers().lastHeader("dead-letter-reason");
            assertThat(reason).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8))
                    .contains("ClassSessionEvent")
                    .contains("sessionId");
            dead.stop();
        }
        await().atMost(HANG).until(() -> sessions.inRoster(sessionId.toString(), student));
        assertThat(sessions.find(sessionId.toString()).orElseThrow().tenantId()).isEqualTo(tenant);
    }
}
