package io.classroom.auth.repository;

import static io.classroom.auth.TestAccounts.OPERATOR_EMAIL;
import static io.classroom.auth.TestAccounts.OPERATOR_PASSWORD;
import static io.classroom.auth.TestAccounts.PASSWORD;
import static io.classroom.auth.TestAccounts.client;
import static io.classroom.auth.TestAccounts.login;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.classroom.testing.FreshSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrade: the service starts on a database left by the version before versioned migrations (its schema, a tenant, a
 * student and her refresh token); Flyway baselines it and migrates it to the latest version, and the student still
 * logs in, is unchanged and keeps her session.
 */
@QuarkusTest
@TestProfile(PreviousVersionMigrationIT.PreviousVersion.class)
class PreviousVersionMigrationIT {

    /** A schema holding version 1.0 and its data. */
    public static class PreviousVersion implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return EmptyDatabaseMigrationIT.OWN_OPERATOR_TENANT;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(
                    FreshSchema.class,
                    Map.of(
                            "database", "auth",
                            "user", "auth",
                            "password", "auth",
                            "scripts", "db/migration/V1__baseline.sql,db/previous-version-data.sql")));
        }
    }

    private static final String STUDENT = "3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10";

    @Inject
    Flyway flyway;

    @ConfigProperty(name = "migration-test.schema")
    String schema;

    @Test
    void migratesKeepingTheAccountsAndTheirSessions() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("3");

        // the tenant of the seeded data is the schema's name; emails are compared case-insensitively as before
        var token = login(schema, "ada@school.example", PASSWORD).get("accessToken");
        given().auth()
                .oauth2(token)
                .get("/api/auth/users/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(STUDENT))
                .body("email", equalTo("Ada@School.example"))
                .body("displayName", equalTo("Ada Lovelace"))
                .body("roles", equalTo(List.of("STUDENT")));
        client().body(Map.of("refreshToken", "previous-version-refresh-token"))
                .post("/api/auth/refresh")
                .then()
                .statusCode(200);

        // the seeded tenant is this run's operator tenant: the bootstrap added its admin beside the old account
        var operator = login(schema, OPERATOR_EMAIL, OPERATOR_PASSWORD).get("accessToken");
        given().auth()
                .oauth2(operator)
                .get("/api/auth/users")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        // a tenant of the previous version does not take self-registrations until its admin says so
        given().auth()
                .oauth2(operator)
                .get("/api/auth/tenants/current/settings")
                .then()
                .statusCode(200)
                .body("selfRegistration", equalTo(false));
    }
}
