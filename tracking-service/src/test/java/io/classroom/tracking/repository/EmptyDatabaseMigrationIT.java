package io.classroom.tracking.repository;

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
                    FreshSchema.class, Map.of("database", "tracking", "user", "tracking", "password", "tracking")));
        }
    }

    /** Only what happens during the test: not the whole history of the shared topics again. */
    static final Map<String, String> LATEST_ONLY = Map.of(
            "mp.messaging.incoming.classroom-sessions-in.auto.offset.reset", "latest",
            "mp.messaging.incoming.vision-observations-in.auto.offset.reset", "latest",
            "mp.messaging.incoming.auth-users-in.auto.offset.reset", "latest");

    @Inject
    Flyway flyway;

    @Test
    void createsTheSchemaAndWorks() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied())
                .extracting(m -> m.getVersion().getVersion())
                .containsExactly("1", "2", "3");

        String token = TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "STUDENT");
        String id = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"title\":\"Homework\"}")
                .post("/api/tracking/personal-sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(token)
                .get("/api/tracking/personal-sessions/{id}", id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Homework"));
    }
}
