package io.classroom.ingest.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.classroom.ingest.Credentials;
import io.classroom.ingest.security.CredentialCipher;
import io.classroom.ingest.security.Roles;
import io.classroom.testing.FreshSchema;
import io.classroom.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrade: the service starts on a database left by the version before versioned migrations (its cameras table and
 * a camera with credentials encrypted for the camera id alone); Flyway baselines it at V1 instead of creating the
 * table again and migrates to V2, the start re-encrypts the credentials bound to the camera URL's scheme, host and
 * port, and the camera is still listed, credentials readable.
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

    @Inject
    Pool postgres;

    @Inject
    CredentialCipher cipher;

    @Inject
    CameraRepository repository;

    @ConfigProperty(name = "migration-test.schema")
    String schema;

    @Test
    void baselinesKeepingTheCameras() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied())
                .extracting(m -> m.getVersion().getVersion())
                .containsExactly("1", "2");

        // Re-encrypted at start: now they decrypt for the camera's origin only, no longer for the camera id alone.
        var row = postgres.preparedQuery(
                        "SELECT credentials, credentials_binding, tls_verify FROM cameras WHERE id = $1")
                .executeAndAwait(Tuple.of(UUID.fromString(CAMERA)))
                .iterator()
                .next();
        assertThat(row.getInteger("credentials_binding")).isEqualTo(2);
        assertThat(row.getBoolean("tls_verify")).isTrue();
        var blob = row.getBuffer("credentials").getBytes();
        assertThat(cipher.decrypt(blob, CredentialCipher.boundTo(UUID.fromString(CAMERA), "rtsp://192.0.2.10:554")))
                .isEqualTo(new Credentials("admin", "Sup3rSecret"));
        assertThatThrownBy(() -> cipher.decrypt(blob, CredentialCipher.legacy(UUID.fromString(CAMERA))))
                .isInstanceOf(IllegalStateException.class);

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
                .body("[0].tlsVerify", equalTo(true))
                .body("[0].analysisFps", equalTo(2.5f))
                .body("[0].running", equalTo(false));
        given().auth()
                .oauth2(teacher)
                .get("/api/ingest/cameras/{id}/status", CAMERA)
                .then()
                .statusCode(200)
                .body("state", equalTo("STOPPED"));
    }

    /** A replica of the version before, still running during a rollout, writes credentials the old way. */
    @Test
    void aLegacyRowWrittenAfterTheStartIsReadAndReboundByTheNextRun() {
        var id = UUID.randomUUID();
        var legacy = cipher.encrypt(new Credentials("cam", "0ldReplica"), CredentialCipher.legacy(id));
        postgres.preparedQuery("INSERT INTO cameras (id, tenant_id, name, rtsp_url, credentials, analysis_fps,"
                        + " output_width, output_height, jpeg_quality, enabled, created_at, updated_at)"
                        + " VALUES ($1, $2, 'Old replica', 'rtsp://192.0.2.30/x', $3, 1, 640, 360, 80, false, now(),"
                        + " now())")
                .executeAndAwait(Tuple.of(id, schema, Buffer.buffer(legacy)));
        try {
            rebindsWhatAnOldReplicaWrote(id);
        } finally {
            postgres.preparedQuery("DELETE FROM cameras WHERE id = $1").executeAndAwait(Tuple.of(id));
        }
    }

    private void rebindsWhatAnOldReplicaWrote(UUID id) {
        var admin = TestTokens.token(schema, UUID.randomUUID(), Roles.ADMIN);
        given().auth()
                .oauth2(admin)
                .get("/api/ingest/cameras/{id}", id)
                .then()
                .statusCode(200)
                .body("hasCredentials", equalTo(true));

        assertThat(repository.rebindLegacyCredentials().await().indefinitely()).isEqualTo(1);
        var blob = postgres.preparedQuery("SELECT credentials FROM cameras WHERE id = $1")
                .executeAndAwait(Tuple.of(id))
                .iterator()
                .next()
                .getBuffer("credentials")
                .getBytes();
        assertThat(cipher.decrypt(blob, CredentialCipher.boundTo(id, "rtsp://192.0.2.30:554")))
                .isEqualTo(new Credentials("cam", "0ldReplica"));
        assertThat(repository.rebindLegacyCredentials().await().indefinitely()).isZero();
        given().auth()
                .oauth2(admin)
                .get("/api/ingest/cameras/{id}", id)
                .then()
                .statusCode(200)
                .body("hasCredentials", equalTo(true));
    }
}
