package io.classroom.tracking.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.classroom.testing.KafkaBroker;
import io.classroom.testing.TestTokens;
import io.classroom.tracking.PersonalSession;
import io.classroom.tracking.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The transactional outbox against the real broker and database. */
@QuarkusTest
class OutboxIT {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxRepository entries;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void anEventCommittedWhileTheBrokerIsDownIsPublishedWhenItReturns() throws Throwable {
        UUID student = UUID.randomUUID();
        String token = TestTokens.token(TestTokens.newTenant(), student, "STUDENT");
        String sessionId;
        try (var broker = KafkaBroker.stop()) {
            sessionId = given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"title\":\"Homework\"}")
                    .post("/api/tracking/personal-sessions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            // committed with the session, and unpublished: the broker answers nothing
            assertThat(pending(sessionId)).isEqualTo(1);
        }
        try (var companion = new KafkaCompanion(kafka)) {
            var published = companion
                    .consumeStrings()
                    .fromTopics(
                            PersonalSessionEvent.TOPIC,
                            m -> m.filter(r -> r.value().contains(sessionId)))
                    .awaitRecords(1, Duration.ofSeconds(90));
            assertThat(published.getFirstRecord().key()).isEqualTo(student.toString());
            assertThat(published.getFirstRecord().value()).contains("\"type\":\"PersonalSessionStarted\"");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> pending(sessionId) == 0);
    }

    @Test
    void aRolledBackChangePublishesNothing() throws Throwable {
        UUID user = UUID.randomUUID();
        var rolledBack = started(user);
        var committed = started(user);

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.add(
                                PersonalSessionEvent.TOPIC, user.toString(), rolledBack)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed"))))))
                .hasMessageContaining("the change failed");
        VertxContextSupport.subscribeAndAwait(() ->
                Panache.withTransaction(() -> outbox.add(PersonalSessionEvent.TOPIC, user.toString(), committed)));
        relay.relaySoon();

        // Same key, same partition, and the relay sends in commit order: once the committed event is there, an event
        // of the rolled-back transaction would have been there before it.
        try (var companion = new KafkaCompanion(kafka)) {
            var records = companion
                    .consumeStrings()
                    .fromTopics(
                            PersonalSessionEvent.TOPIC,
                            m -> m.filter(r -> user.toString().equals(r.key())))
                    .awaitRecords(1, Duration.ofSeconds(60));
            assertThat(records.getRecords()).hasSize(1);
            assertThat(records.getFirstRecord().value())
                    .contains(committed.eventId().toString())
                    .doesNotContain(rolledBack.eventId().toString());
        }
        assertThat(VertxContextSupport.subscribeAndAwait(
                        () -> Panache.withSession(() -> entries.findById(rolledBack.eventId()))))
                .isNull();
    }

    private long pending(String sessionId) {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> entries.count("payload like ?1", "%" + sessionId + "%")));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static PersonalSessionEvent.Started started(UUID user) {
        var session = new PersonalSession();
        session.id = UUID.randomUUID();
        session.tenantId = TestTokens.newTenant();
        session.userId = user;
        session.title = "outbox check";
        return PersonalSessionEvent.Started.of(session, Instant.now());
    }
}
