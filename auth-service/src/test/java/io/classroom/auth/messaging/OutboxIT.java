package io.classroom.auth.messaging;

import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.invite;
import static io.classroom.auth.TestAccounts.newTenantWithAdmin;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.registration;
import static io.classroom.auth.TestAccounts.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.classroom.auth.Role;
import io.classroom.auth.UserAccount;
import io.classroom.auth.messaging.UserEvent.UserRegistered;
import io.classroom.auth.repository.OutboxRepository;
import io.classroom.testing.KafkaBroker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox against the real broker and database: an account change never waits for Kafka and never
 * fails because of it, its event is published once the broker is back, and a rolled-back change publishes nothing.
 */
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
    void aRegistrationWhileTheBrokerIsDownIsStoredAndPublishedWhenItReturns() {
        var tenant = randomTenant();
        var admin = newTenantWithAdmin(tenant, randomEmail(tenant));
        var email = randomEmail(tenant);
        var code = invite(admin, email, "STUDENT");
        String userId;
        try (var broker = KafkaBroker.stop()) {
            client().body(registration(tenant, email, PASSWORD, Map.of("invitationCode", code)))
                    .post("/api/auth/register")
                    .then()
                    .statusCode(202);
            userId = userId(admin, email);
            // committed with the account, and unpublished: the broker answers nothing
            assertThat(userId).isNotNull();
            assertThat(pending(userId)).isEqualTo(1);
        }
        try (var companion = new KafkaCompanion(kafka)) {
            var published = companion
                    .consumeStrings()
                    .fromTopics(UserEvent.TOPIC, m -> m.filter(r -> userId.equals(r.key())))
                    .awaitRecords(1, Duration.ofSeconds(90));
            assertThat(published.getFirstRecord().value())
                    .contains("\"type\":\"UserRegistered\"")
                    .contains("\"tenantId\":\"" + tenant + "\"")
                    .contains(email);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> pending(userId) == 0);
    }

    @Test
    void aRolledBackChangePublishesNothing() throws Throwable {
        var user = account();
        var rolledBack = UserRegistered.of(user);
        var committed = UserRegistered.of(user);

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.add(
                                UserEvent.TOPIC, user.id.toString(), rolledBack)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed"))))))
                .hasMessageContaining("the change failed");
        VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> outbox.add(UserEvent.TOPIC, user.id.toString(), committed)));
        relay.relaySoon();

        // Same key, same partition, and the relay sends in commit order: once the committed event is there, an event
        // of the rolled-back transaction would have been there before it.
        try (var companion = new KafkaCompanion(kafka)) {
            var records = companion
                    .consumeStrings()
                    .fromTopics(
                            UserEvent.TOPIC,
                            m -> m.filter(r -> user.id.toString().equals(r.key())))
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

    private long pending(String userId) {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> entries.count("payload like ?1", "%" + userId + "%")));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static UserAccount account() {
        var user = new UserAccount();
        user.id = UUID.randomUUID();
        user.tenantId = randomTenant();
        user.email = randomEmail(user.tenantId);
        user.displayName = "Outbox Check";
        user.roles = EnumSet.of(Role.STUDENT);
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        return user;
    }
}
