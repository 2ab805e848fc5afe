package io.classroom.classroom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.classroom.classroom.messaging.ClassSessionEvent;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.testing.EventSchemas;
import io.classroom.testing.KafkaBroker;
import io.classroom.testing.TestTokens;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Sessions stored by the version before the outbox array lose no event on the upgrade. */
@QuarkusTest
class LegacyOutboxConversionIT {

    private static final Duration HANG = Duration.ofSeconds(90);
    private static final List<String> FLAGS = List.of("startEventId", "startEventSent", "endEventId", "endEventSent");

    @Inject
    LegacyOutboxConversion conversion;

    @Inject
    ClassSessionRepository sessions;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private final String tenant = TestTokens.newTenant();

    @Test
    void unsentEventsOfThePreviousVersionAreMovedIntoTheOutboxAndPublishedWithTheirIds() {
        var classId = UUID.randomUUID().toString();
        var unsent = legacySession(classId, false);
        var sent = legacySession(UUID.randomUUID().toString(), true);
        raw().insertMany(List.of(unsent, sent)).await().atMost(HANG);

        // The broker answers nothing meanwhile, so the relay cannot publish (and pull) the entries before we look.
        try (var broker = KafkaBroker.stop()) {
            assertThat(conversion.convert().await().atMost(HANG)).isGreaterThanOrEqualTo(1);

            var converted = find(unsent.getString("_id"));
            assertThat(converted.keySet()).doesNotContainAnyElementsOf(FLAGS);
            assertThat(converted.getList("outbox", Document.class))
                    .extracting(e -> e.getString("eventId"), e -> e.getString("type"), e -> e.getString("key"))
                    .containsExactly(
                            tuple(unsent.getString("startEventId"), "ClassSessionStarted", classId),
                            tuple(unsent.getString("endEventId"), "ClassSessionEnded", classId));
            var untouched = find(sent.getString("_id"));
            assertThat(untouched.keySet()).doesNotContainAnyElementsOf(FLAGS).doesNotContain("outbox");
            assertThat(conversion.convert().await().atMost(HANG)).isZero();
        }

        // The relay's timer publishes them, start before end, with the ids consumers may have seen already.
        try (var companion = new KafkaCompanion(kafka)) {
            var records = companion
                    .consumeStrings()
                    .fromTopics(ClassSessionEvent.TOPIC, m -> m.filter(r -> classId.equals(r.key())))
                    .awaitRecords(2, HANG)
                    .getRecords();
            assertThat(records.get(0).value()).contains(unsent.getString("startEventId"));
            assertThat(records.get(1).value())
                    .contains(unsent.getString("endEventId"))
                    .contains("\"reason\":\"DEACTIVATED\"");
            records.subList(0, 2)
                    .forEach(r -> assertThat(EventSchemas.validate(ClassSessionEvent.TOPIC, r.value()))
                            .isEmpty());
        }
        await().atMost(HANG)
                .until(() -> find(unsent.getString("_id"))
                        .getList("outbox", Document.class)
                        .isEmpty());
    }

    /** A session as the previous version stored it: ended, with both events acknowledged or neither. */
    private Document legacySession(String classId, boolean eventsSent) {
        var startedAt = Instant.parse("2026-09-01T08:00:00Z");
        return new Document("_id", UUID.randomUUID().toString())
                .append("tenantId", tenant)
                .append("classId", classId)
                .append("className", "Physics")
                .append("teacherId", UUID.randomUUID().toString())
                .append("roomId", null)
                .append("cameraIds", List.of("cam-front"))
                .append("roster", List.of(UUID.randomUUID().toString()))
                .append("state", "ENDED")
                .append("startedAt", Date.from(startedAt))
                .append("plannedEnd", Date.from(startedAt.plusSeconds(2700)))
                .append("endedAt", Date.from(startedAt.plusSeconds(1800)))
                .append("endReason", "DEACTIVATED")
                .append("attendanceThreshold", 75)
                .append("lateGraceSeconds", 300L)
                .append("startEventId", UUID.randomUUID().toString())
                .append("startEventSent", eventsSent)
                .append("endEventId", UUID.randomUUID().toString())
                .append("endEventSent", eventsSent);
    }

    private Document find(String id) {
        return raw().find(new Document("_id", id)).collect().first().await().atMost(HANG);
    }

    private ReactiveMongoCollection<Document> raw() {
        return sessions.mongoCollection().withDocumentClass(Document.class);
    }
}
