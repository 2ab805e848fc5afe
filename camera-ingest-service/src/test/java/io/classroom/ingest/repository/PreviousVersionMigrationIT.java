package io.classroom.ingest.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.classroom.ingest.security.Roles;
import io.classroom.testing.FreshSchema;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrade: the service starts on a database left by the version before versioned migrations (its cameras table and
 * a camera with encrypted credentials); Flyway baselines it at V1 instead of creating the table again, and the camera
 * is still listed, credentials readable.
 */
@QuarkusTest
@TestProfile(PreviousVersionMigrationIT.PreviousVersion.class)
class PreviousVersionMigrationIT {

    /** A schema holding version 1.0 and its data. */
    public static class PreviousVersion implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return EmptyDatabaseMigrationIT.LATEST_ONLY;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(
                    FreshSchema.class,
                    Map.of(
                            "database", "ingest",
                            "user", "ingest",
                            "password", "ingest",
                            "scripts", "db/migration/V1__baseline.sql,db/previous-version-data.sql")));
        }
    }

    private static final String CAMERA = "6d1f0c2e-8a4b-4f3c-9e21-7b5a0d3c4e1f";

    @Inject
    Flyway flyway;

    @ConfigProperty(name = "migration-test.schema")
    String schema;

    @Test
    void baselinesKeepingTheCameras() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied())
                .extracting(m -> m.getVersion().getVersion())
                .containsExactly("1");

        // the tenant of the seeded data is the schema's name
        var teacher = TestTokens.token(schema, UUID.randomUUID(), Roles.TEACHER);
        given().auth()
                .oauth2(teacher)
                .get("/api/ingest/cameras")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(CAMERA))
                .body("[0].name", equalTo("Front (1.0)"))
                .body("[0].rtspUrl", equalTo("rtsp://192.0.2.10:554/stream1"))
                .body("[0].hasCredentials", equalTo(true))
                .body("[0].analysisFps", equalTo(2.5f))
                .body("[0].running", equalTo(false));
        given().auth()
                .oauth2(teacher)
                .get("/api/ingest/cameras/{id}/status", CAMERA)
                .then()
                .statusCode(200)
                .body("state", equalTo("STOPPED"));
    }
}
