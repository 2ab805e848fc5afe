package io.classroom.tracking.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.classroom.testing.FreshSchema;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrade: the service starts on a database left by the version before versioned migrations (its schema and an
 * attendance record whose event was never acknowledged); Flyway baselines it, migrates it to the latest version, the
 * data stays and the pending event leaves through the outbox.
 */
@QuarkusTest
@TestProfile(PreviousVersionMigrationIT.PreviousVersion.class)
class PreviousVersionMigrationIT {

    /** A schema holding version 1.0 and its data. */
    public static class PreviousVersion implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LATEST_ONLY;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(
                    FreshSchema.class,
                    Map.of(
                            "database", "tracking",
                            "user", "tracking",
                            "password", "tracking",
                            "scripts", "db/migration/V1__baseline.sql,db/previous-version-data.sql")));
        }
    }

    private static final String STUDENT = "3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10";
    private static final String TEACHER = "b9e8d7c6-b5a4-4938-8271-605f4e3d2c1b";

    /** Only what happens during the test: not the whole history of the shared topics again. */
    static final Map<String, String> LATEST_ONLY = Map.of(
            "mp.messaging.incoming.classroom-sessions-in.auto.offset.reset", "latest",
            "mp.messaging.incoming.vision-observations-in.auto.offset.reset", "latest",
            "mp.messaging.incoming.auth-users-in.auto.offset.reset", "latest");

    @Inject
    Flyway flyway;

    @ConfigProperty(name = "migration-test.schema")
    String schema;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void migratesKeepingTheDataAndPublishesWhatWasPending() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("3");

        // the tenant of the seeded data is the schema's name
        given().auth()
                .oauth2(TestTokens.token(schema, STUDENT, "STUDENT"))
                .get("/api/tracking/me/attendance")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].presentSeconds", equalTo(2600))
                .body("[0].status", equalTo("PRESENT"));

        // sessions from before applications belong to the web client; the ended session's roster came from its records
        given().auth()
                .oauth2(TestTokens.token(schema, STUDENT, "STUDENT"))
                .get("/api/tracking/personal-sessions")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].app", equalTo("classroom-web"));
        given().auth()
                .oauth2(TestTokens.token(schema, TEACHER, "TEACHER"))
                .queryParam("userId", STUDENT)
                .get("/api/tracking/personal-sessions")
                .then()
                .statusCode(200)
                .body("[0].title", equalTo("Homework"));
        given().auth()
                .oauth2(TestTokens.token(schema, UUID.randomUUID(), "TEACHER"))
                .queryParam("userId", STUDENT)
                .get("/api/tracking/personal-sessions")
                .then()
                .statusCode(404);

        try (var companion = new KafkaCompanion(kafka)) {
            var published = companion
                    .consumeStrings()
                    .fromTopics(
                            "tracking.attendance.v1",
                            m -> m.filter(r -> r.value().contains(schema)))
                    .awaitRecords(1, Duration.ofSeconds(60));
            assertThat(published.getFirstRecord().value())
                    .contains("AttendanceFinalized")
                    .contains(STUDENT);
        }
    }
}
