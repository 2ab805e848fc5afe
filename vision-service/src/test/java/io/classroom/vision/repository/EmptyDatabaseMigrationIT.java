package io.classroom.vision.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.classroom.testing.FreshSchema;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A new deployment: the service starts on an empty database, creates the whole schema and works. */
@QuarkusTest
@TestProfile(EmptyDatabaseMigrationIT.EmptyDatabase.class)
class EmptyDatabaseMigrationIT {

    /** A schema with nothing in it. */
    public static class EmptyDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LATEST_ONLY;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(
                    FreshSchema.class, Map.of("database", "vision", "user", "vision", "password", "vision")));
        }
    }

    /** Only what happens during the test: not the whole history of the shared topics again. */
    static final Map<String, String> LATEST_ONLY = Map.of(
            "mp.messaging.incoming.ingest-frames-in.auto.offset.reset", "latest",
            "mp.messaging.incoming.vision-faces-in.auto.offset.reset", "latest",
            "mp.messaging.incoming.classroom-sessions-in.auto.offset.reset", "latest",
            "mp.messaging.incoming.auth-users-in.auto.offset.reset", "latest");

    @Inject
    Flyway flyway;

    @Test
    void createsTheSchemaAndWorks() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied())
                .extracting(m -> m.getVersion().getVersion())
                .containsExactly("1");

        String token = TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "ADMIN");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("boardYawDeg", 20, "boardPitchDeg", -5, "yawToleranceDeg", 15, "pitchToleranceDeg", 10))
                .put("/api/vision/calibrations/cam-1")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .get("/api/vision/calibrations/cam-1")
                .then()
                .statusCode(200)
                .body("boardYawDeg", equalTo(20.0f));
        given().auth()
                .oauth2(token)
                .get("/api/vision/gallery/{userId}/faces", UUID.randomUUID())
                .then()
                .statusCode(404);
    }
}
