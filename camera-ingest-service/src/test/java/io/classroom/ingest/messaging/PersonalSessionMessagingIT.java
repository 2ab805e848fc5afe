package io.classroom.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.PersonalSession;
import io.classroom.ingest.service.PersonalSessionStore;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * tracking.activity.v1 over the real broker into Redis: what cannot be read goes to the dead-letter topic, the rest
 * applies in order; an ended session stays ended, and an event older than its state's lifetime stores nothing.
 */
@QuarkusTest
class PersonalSessionMessagingIT {

    private static final String TOPIC = "tracking.activity.v1";
    private static final String DEAD_LETTERS = "tracking.activity.v1.camera-ingest-service.dlq";
    /** Only bounds a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Inject
    PersonalSessionStore sessions;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    private final String tenant = TestTokens.newTenant();
    private final String owner = UUID.randomUUID().toString();

    @Test
    void anUnreadableEventIsDeadLetteredWithItsReasonAndTheNextOneApplies() throws Exception {
        var sessionId = UUID.randomUUID().toString();
        var unreadable =
                "{\"eventId\":\"%s\",\"type\":\"PersonalSessionStarted\",\"tenantId\":\"%s\",\"sessionId\":\"%s\"}"
                        .formatted(UUID.randomUUID(), tenant, sessionId);
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            // Same key, same partition: the valid event comes after the unreadable one.
            kafka.produceStrings()
                    .fromRecords(
                            new ProducerRecord<>(TOPIC, owner, unreadable),
                            new ProducerRecord<>(
                                    TOPIC, owner, event("PersonalSessionStarted", sessionId, Instant.now())))
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
                    .contains("PersonalSessionEvent")
                    .contains("userId")
                    .contains("occurredAt");
            dead.stop();
        }
        await().atMost(HANG).until(() -> sessions.find(sessionId).isPresent());
        assertThat(sessions.find(sessionId))
                .contains(new PersonalSession(sessionId, tenant, owner, PersonalSession.State.RUNNING));
    }

    @Test
    void anEndedSessionStaysEndedAndStaleEventsStoreNothing() throws Exception {
        var sessionId = UUID.randomUUID().toString();
        var stale = UUID.randomUUID().toString();
        var marker = UUID.randomUUID().toString();
        var now = Instant.now();
        var twoDaysAgo = now.minus(Duration.ofDays(2));
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            kafka.produceStrings()
                    .fromRecords(
                            new ProducerRecord<>(TOPIC, owner, event("PersonalSessionStarted", stale, twoDaysAgo)),
                            new ProducerRecord<>(TOPIC, owner, event("PersonalSessionStarted", sessionId, now)),
                            new ProducerRecord<>(TOPIC, owner, event("PersonalSessionEnded", sessionId, now)),
                            // read again after the end, say by a consumer that lost its offsets: stays ended
                            new ProducerRecord<>(TOPIC, owner, event("PersonalSessionResumed", sessionId, now)),
                            new ProducerRecord<>(TOPIC, owner, event("PersonalSessionPaused", stale, twoDaysAgo)),
                            // a marker: once it is stored, every event before it on this partition has been applied
                            new ProducerRecord<>(TOPIC, owner, event("PersonalSessionStarted", marker, now)))
                    .awaitCompletion(HANG);
        }
        await().atMost(HANG).until(() -> sessions.find(marker).isPresent());
        assertThat(sessions.find(sessionId).map(PersonalSession::state)).contains(PersonalSession.State.ENDED);
        assertThat(sessions.find(stale)).isEqualTo(Optional.empty());
    }

    private String event(String type, String sessionId, Instant at) throws Exception {
        return new ObjectMapper()
                .writeValueAsString(Map.of(
                        "eventId", UUID.randomUUID().toString(),
                        "type", type,
                        "occurredAt", at.toString(),
                        "tenantId", tenant,
                        "sessionId", sessionId,
                        "userId", owner,
                        "at", at.toString()));
    }
}
