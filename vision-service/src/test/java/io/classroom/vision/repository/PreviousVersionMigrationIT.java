package io.classroom.vision.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.classroom.testing.FreshSchema;
import io.classroom.testing.TestTokens;
import io.classroom.vision.service.GalleryService;
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
 * Upgrade: the service starts on a database left by the version before versioned migrations (its schema, an enrolled
 * face and a calibration); Flyway baselines it at version 1 without running anything, the data stays, and the face is
 * loaded into the in-memory gallery.
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
                            "database", "vision",
                            "user", "vision",
                            "password", "vision",
                            "scripts", "db/migration/V1__baseline.sql,db/previous-version-data.sql")));
        }
    }

    private static final UUID STUDENT = UUID.fromString("3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10");
    private static final String FACE = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

    @Inject
    Flyway flyway;

    @Inject
    GalleryService gallery;

    @ConfigProperty(name = "migration-test.schema")
    String schema;

    @Test
    void baselinesKeepingTheData() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("1");
        assertThat(flyway.info().current().getType().isBaseline()).isTrue();

        // the tenant of the seeded data is the schema's name
        String admin = TestTokens.token(schema, UUID.randomUUID(), "ADMIN");
        given().auth()
                .oauth2(admin)
                .get("/api/vision/gallery/{userId}/faces", STUDENT)
                .then()
                .statusCode(200)
                .body("faces", hasSize(1))
                .body("faces[0].faceId", equalTo(FACE))
                .body("faces[0].modelId", equalTo("mobilefacenet-foamliu"));
        given().auth()
                .oauth2(admin)
                .get("/api/vision/calibrations/cam-front")
                .then()
                .statusCode(200)
                .body("boardYawDeg", equalTo(30.0f))
                .body("pitchToleranceDeg", equalTo(15.0f));

        // loaded into the gallery at start: the stored vector is recognised as its user
        var probe = new float[128];
        probe[0] = 1;
        var match = gallery.search(schema, probe, null);
        assertThat(match.userId()).isEqualTo(STUDENT);
        assertThat(match.similarity()).isGreaterThan(0.99);
    }
}
