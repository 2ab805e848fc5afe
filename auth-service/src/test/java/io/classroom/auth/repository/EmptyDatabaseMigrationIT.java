package io.classroom.auth.repository;

import static io.classroom.auth.TestAccounts.OPERATOR_EMAIL;
import static io.classroom.auth.TestAccounts.OPERATOR_PASSWORD;
import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.login;
import static io.classroom.auth.TestAccounts.randomEmail;
import static io.classroom.auth.TestAccounts.randomTenant;
import static io.classroom.auth.TestAccounts.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.classroom.testing.FreshSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A new deployment: the service starts on an empty database, creates the whole schema, bootstraps its signing key,
 * operator tenant and admin (whose UserRegistered leaves through the outbox) and works.
 */
@QuarkusTest
@TestProfile(EmptyDatabaseMigrationIT.EmptyDatabase.class)
class EmptyDatabaseMigrationIT {

    /** A schema with nothing in it. */
    public static class EmptyDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OWN_OPERATOR_TENANT;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(
                    FreshSchema.class, Map.of("database", "auth", "user", "auth", "password", "auth")));
        }
    }

    /**
     * The bootstrap creates an operator admin in an empty database: in a tenant named after the schema, so that its
     * UserRegistered on the shared topic is not one more admin of the local stack's operator tenant.
     */
    static final Map<String, String> OWN_OPERATOR_TENANT =
            Map.of("auth.bootstrap.tenant-id", "${migration-test.schema}");

    @Inject
    Flyway flyway;

    @Inject
    Pool postgres;

    @ConfigProperty(name = "migration-test.schema")
    String schema;

    @Test
    void createsTheSchemaBootstrapsAndWorks() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied())
                .extracting(m -> m.getVersion().getVersion())
                .containsExactly("1", "2", "3");
        assertThat(count("signing_keys")).isEqualTo(1);

        var operator = login(schema, OPERATOR_EMAIL, OPERATOR_PASSWORD).get("accessToken");
        var tenant = randomTenant();
        var adminEmail = randomEmail(tenant);
        client().auth()
                .oauth2(operator)
                .body(Map.of(
                        "id",
                        tenant,
                        "name",
                        "New school",
                        "admin",
                        Map.of("email", adminEmail, "password", PASSWORD, "displayName", "Head")))
                .post("/api/auth/tenants")
                .then()
                .statusCode(201);
        var email = randomEmail(tenant);
        var id = register(login(tenant, adminEmail, PASSWORD).get("accessToken"), tenant, email, "STUDENT");
        given().auth()
                .oauth2(login(tenant, email, PASSWORD).get("accessToken"))
                .get("/api/auth/users/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("email", equalTo(email));

        // the bootstrap admin, the new tenant's admin and the student: all published, none left behind
        await().atMost(Duration.ofSeconds(60)).until(() -> count("outbox") == 0);
        assertThat(count("users")).isEqualTo(3);
    }

    private long count(String table) {
        return postgres.query("SELECT count(*) FROM " + table)
                .executeAndAwait()
                .iterator()
                .next()
                .getLong(0);
    }
}
