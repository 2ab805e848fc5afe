package io.classroom.classroom.messaging;

import static io.classroom.classroom.ClassroomApi.as;
import static io.classroom.classroom.ClassroomApi.createClass;
import static io.classroom.classroom.ClassroomApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.classroom.ClassroomApi.User;
import io.classroom.classroom.EndReason;
import io.classroom.classroom.OutboxEntry;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.classroom.service.ClassSessionService;
import io.classroom.testing.KafkaBroker;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The outbox in the session document, against the real broker and the Mongo-compatible server. */
@QuarkusTest
class OutboxIT {

    private static final Duration HANG = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ClassSessionRepository sessions;

    @Inject
    ClassSessionService sessionService;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private final String tenant = TestTokens.newTenant();
    private final User teacher = user(tenant, "TEACHER");

    @Test
    void anActivationStoredWhileTheBrokerIsDownIsPublishedWhenItReturns() {
        var classId = createClass(teacher, "Outage");
        String sessionId;
        OutboxEntry pending;
        try (var broker = KafkaBroker.stop()) {
            sessionId = as(teacher)
                    .post("/api/classroom/classes/" + classId + "/sessions")
                    .then()
                    .statusCode(201)
                    .body("eventsPublished", equalTo(false))
                    .extract()
                    .path("id");
            // stored with the session, and unpublished: the broker answers nothing
            var outbox = outbox(sessionId);
            assertThat(outbox).hasSize(1);
            pending = outbox.get(0);
            assertThat(pending.type).isEqualTo("ClassSessionStarted");
            assertThat(pending.topic).isEqualTo(ClassSessionEvent.TOPIC);
            assertThat(pending.key).isEqualTo(classId);
            // the activation's trace continues in the published record
            assertThat(pending.traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
        try (var companion = new KafkaCompanion(kafka)) {
            var published = companion
                    .consumeStrings()
                    .fromTopics(ClassSessionEvent.TOPIC, m -> m.filter(r -> classId.equals(r.key())))
                    .awaitRecords(1, HANG);
            var record = published.getFirstRecord();
            var traceId = pending.traceparent.split("-")[1];
            assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                    .contains(traceId);
            var event = read(record.value());
            assertThat(event.get("type").asText()).isEqualTo("ClassSessionStarted");
            assertThat(event.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(event.get("eventId").asText()).isEqualTo(pending.eventId);
        }
        await().atMost(HANG).until(() -> outbox(sessionId).isEmpty());
    }

    @Test
    void aChangeThatDoesNotHappenStoresAndPublishesNoEvent() throws Exception {
        var classId = createClass(teacher, "Rush hour");
        // Concurrent activations: the losers' conditional claim fails, so only the winner stores a session and event.
        var winners = activateConcurrently(classId, 6);
        assertThat(winners).hasSize(1);
        var first = winners.get(0);
        as(teacher).post("/api/classroom/sessions/" + first + "/end").then().statusCode(200);
        // Ending it again: the conditional update matches nothing, so no ClassSessionEnded is stored.
        sessionService.endById(first, EndReason.PLANNED_END).await().atMost(HANG);
        assertThat(sessions.findById(first).await().atMost(HANG).endReason).isEqualTo(EndReason.DEACTIVATED);
        assertThat(outbox(first)).allSatisfy(e -> assertThat(e.payload).doesNotContain("PLANNED_END"));
        // The marker: a later change of the same class, same key, same partition, relayed after the others.
        var second = activateConcurrently(classId, 1).get(0);

        try (var companion = new KafkaCompanion(kafka)) {
            var consumer = companion
                    .consumeStrings()
                    .fromTopics(ClassSessionEvent.TOPIC, m -> m.filter(r -> classId.equals(r.key())));
            await().atMost(HANG)
                    .until(() -> consumer.getRecords().stream()
                            .anyMatch(r -> r.value().contains(second)));
            var events =
                    consumer.getRecords().stream().map(r -> read(r.value())).toList();
            consumer.close();

            assertThat(events)
                    .extracting(e ->
                            e.get("type").asText() + " " + e.get("sessionId").asText())
                    .containsExactly(
                            "ClassSessionStarted " + first,
                            "ClassSessionEnded " + first,
                            "ClassSessionStarted " + second);
            assertThat(events.get(1).get("reason").asText()).isEqualTo("DEACTIVATED");
        }
        as(teacher)
                .get("/api/classroom/classes/" + classId + "/sessions")
                .then()
                .body("total", equalTo(2));
    }

    /** The ids of the sessions that the activations started (the others answered 409). */
    private List<String> activateConcurrently(String classId, int count) throws Exception {
        var pool = Executors.newFixedThreadPool(count);
        try {
            var calls = new ArrayList<CompletableFuture<Response>>();
            for (int i = 0; i < count; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> as(teacher).post("/api/classroom/classes/" + classId + "/sessions"), pool));
            }
            var started = new ArrayList<String>();
            for (var call : calls) {
                var response = call.get();
                assertThat(response.statusCode()).isIn(201, 409);
                if (response.statusCode() == 201) {
                    started.add(response.path("id"));
                }
            }
            return started;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<OutboxEntry> outbox(String sessionId) {
        return sessions.findById(sessionId).await().atMost(HANG).outbox;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
