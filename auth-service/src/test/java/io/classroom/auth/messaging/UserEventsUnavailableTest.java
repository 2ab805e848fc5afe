package io.classroom.auth.messaging;

import static io.classroom.auth.TestAccounts.OPERATOR_TENANT;
import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.randomEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the event cannot reach the broker, the call fails with 503 and the change is not stored. */
@QuarkusTest
@TestProfile(UserEventsUnavailableTest.BrokerUnreachable.class)
class UserEventsUnavailableTest {

    /** The channel points at a port where no broker listens; nothing is created at start. */
    public static class BrokerUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.auth-users.bootstrap.servers", "127.0.0.1:9",
                    "mp.messaging.outgoing.auth-users.max.block.ms", "1500",
                    "mp.messaging.outgoing.auth-users.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.auth-users.delivery.timeout.ms", "1500",
                    "auth.bootstrap.admin-password", "");
        }
    }

    @Inject
    Pool postgres;

    @Test
    void registrationFailsWith503AndStoresNothing() {
        var email = randomEmail(OPERATOR_TENANT);
        client().body(Map.of(
                        "tenant",
                        OPERATOR_TENANT,
                        "email",
                        email,
                        "password",
                        PASSWORD,
                        "displayName",
                        "Lost Event",
                        "role",
                        "STUDENT"))
                .post("/api/auth/register")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:classroom:problem:event-publishing-failed"));

        var rows = postgres.preparedQuery("SELECT count(*) FROM users WHERE tenant_id = $1 AND email_normalised = $2")
                .executeAndAwait(Tuple.of(OPERATOR_TENANT, email));
        assertThat(rows.iterator().next().getLong(0)).isZero();
    }
}
