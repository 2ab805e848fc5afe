package io.classroom.ingest.repository;

import io.classroom.ingest.Camera;
import io.classroom.ingest.security.CredentialCipher;
import io.classroom.ingest.stream.RtspUrls;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The camera registry in PostgreSQL (schema: Flyway, db/migration); every query filters by tenant except the
 * replica-wide scheduler query and the start-time re-encryption. Credentials are encrypted here, bound to the camera
 * and to the scheme, host and port of the URL stored beside them ({@code credentials_binding} 2); rows of versions
 * before that binding (1: camera id only) are still read, and re-encrypted by {@link #rebindLegacyCredentials()}.
 */
@ApplicationScoped
public class CameraRepository {

    private static final String COLUMNS =
            "id, tenant_id, name, description, room_id, location, rtsp_url, credentials, credentials_binding, tls_verify,"
                    + " analysis_fps, output_width, output_height, jpeg_quality, enabled, run_requested, session_id,"
                    + " created_at, updated_at";

    /** {@code credentials_binding}: associated data of the credentials blob (see CredentialCipher). */
    static final int LEGACY_BINDING = 1;

    static final int ORIGIN_BINDING = 2;

    private final Pool pool;
    private final CredentialCipher cipher;

    public CameraRepository(Pool pool, CredentialCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    public Uni<Camera> insert(Camera camera) {
        return pool.preparedQuery("INSERT INTO cameras (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                        + " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING " + COLUMNS)
                .execute(fullTuple(camera))
                .map(this::first);
    }

    /** Replaces the editable fields; keeps the run request. Null when the camera is not the tenant's. */
    public Uni<Camera> update(Camera camera) {
        var tuple = settingsTuple(camera).addValue(utc(camera.updatedAt()));
        return pool.preparedQuery("UPDATE cameras SET name = $3, description = $4, room_id = $5, location = $6,"
                        + " rtsp_url = $7, credentials = $8, credentials_binding = $9, tls_verify = $10,"
                        + " analysis_fps = $11, output_width = $12, output_height = $13, jpeg_quality = $14,"
                        + " enabled = $15, updated_at = $16 WHERE id = $1 AND tenant_id = $2 RETURNING " + COLUMNS)
                .execute(tuple)
                .map(this::first);
    }

    public Uni<Camera> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM cameras WHERE id = $1 AND tenant_id = $2")
                .execute(Tuple.of(id, tenantId))
                .map(this::first);
    }

    public Uni<List<Camera>> list(String tenantId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM cameras WHERE tenant_id = $1 ORDER BY name, id")
                .execute(Tuple.of(tenantId))
                .map(this::all);
    }

    public Uni<Boolean> delete(String tenantId, UUID id) {
        return pool.preparedQuery("DELETE FROM cameras WHERE id = $1 AND tenant_id = $2")
                .execute(Tuple.of(id, tenantId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Sets the run request by hand (clears a session tag); null when the camera is not the tenant's. */
    public Uni<Camera> requestRun(String tenantId, UUID id, boolean run) {
        return pool.preparedQuery("UPDATE cameras SET run_requested = $3, session_id = NULL, updated_at = $4"
                        + " WHERE id = $1 AND tenant_id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, tenantId, run, utc(Instant.now())))
                .map(this::first);
    }

    /** Requests the given cameras to run for a class session; returns how many matched. */
    public Uni<Integer> startForSession(String tenantId, Collection<UUID> ids, UUID sessionId) {
        return pool.preparedQuery("UPDATE cameras SET run_requested = true, session_id = $3, updated_at = $4"
                        + " WHERE tenant_id = $1 AND id = ANY($2) AND (session_id IS DISTINCT FROM $3"
                        + " OR NOT run_requested)")
                .execute(Tuple.of(tenantId, ids.toArray(UUID[]::new), sessionId, utc(Instant.now())))
                .map(RowSet::rowCount);
    }

    /** Stops the cameras streaming for a class session; returns how many matched. */
    public Uni<Integer> stopForSession(String tenantId, UUID sessionId) {
        return pool.preparedQuery("UPDATE cameras SET run_requested = false, session_id = NULL, updated_at = $3"
                        + " WHERE tenant_id = $1 AND session_id = $2")
                .execute(Tuple.of(tenantId, sessionId, utc(Instant.now())))
                .map(RowSet::rowCount);
    }

    /** Every camera of every tenant that should stream now: the replicas share them through leases. */
    public Uni<List<Camera>> findRunnable() {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM cameras WHERE run_requested AND enabled")
                .execute()
                .map(this::all);
    }

    private Tuple fullTuple(Camera camera) {
        return settingsTuple(camera)
                .addValue(camera.runRequested())
                .addValue(camera.sessionId())
                .addValue(utc(camera.createdAt()))
                .addValue(utc(camera.updatedAt()));
    }

    /** $1..$15: id, tenant and every setting of the camera, in the column order both statements use. */
    private Tuple settingsTuple(Camera camera) {
        return Tuple.tuple()
                .addValue(camera.id())
                .addValue(camera.tenantId())
                .addValue(camera.name())
                .addValue(camera.description())
                .addValue(camera.roomId())
                .addValue(camera.location())
                .addValue(camera.rtspUrl())
                .addValue(credentialBytes(camera))
                .addValue(ORIGIN_BINDING)
                .addValue(camera.tlsVerify())
                .addValue(camera.analysisFps())
                .addValue(camera.outputWidth())
                .addValue(camera.outputHeight())
                .addValue(camera.jpegQuality())
                .addValue(camera.enabled());
    }

    private Buffer credentialBytes(Camera camera) {
        return camera.credentials() == null
                ? null
                : Buffer.buffer(cipher.encrypt(camera.credentials(), boundTo(camera.id(), camera.rtspUrl())));
    }

    /**
     * Re-encrypts credentials stored before they were bound to their URL's origin, for the origin of the URL stored
     * beside them (compare-and-set: a row changed meanwhile, by this or another replica, is left as it is). Returns
     * how many rows it re-encrypted; a row whose blob does not decrypt is logged and left.
     */
    public Uni<Integer> rebindLegacyCredentials() {
        return pool.preparedQuery("SELECT id, rtsp_url, credentials FROM cameras"
                        + " WHERE credentials IS NOT NULL AND credentials_binding = $1")
                .execute(Tuple.of(LEGACY_BINDING))
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem()
                .transformToUniAndConcatenate(this::rebind)
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> rebind(Row row) {
        var id = row.getUUID("id");
        var old = row.getBuffer("credentials").getBytes();
        byte[] rebound;
        try {
            var credentials = cipher.decrypt(old, CredentialCipher.legacy(id));
            rebound = cipher.encrypt(credentials, boundTo(id, row.getString("rtsp_url")));
        } catch (RuntimeException e) {
            Log.warnf("credentials of camera %s cannot be re-encrypted: %s", id, e.getMessage());
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery("UPDATE cameras SET credentials = $2, credentials_binding = $3"
                        + " WHERE id = $1 AND credentials_binding = $4 AND credentials = $5")
                .execute(Tuple.of(id, Buffer.buffer(rebound), ORIGIN_BINDING, LEGACY_BINDING, Buffer.buffer(old)))
                .map(RowSet::rowCount);
    }

    private static String boundTo(UUID id, String rtspUrl) {
        return CredentialCipher.boundTo(id, RtspUrls.origin(rtspUrl));
    }

    private Camera first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    private List<Camera> all(RowSet<Row> rows) {
        var result = new ArrayList<Camera>(rows.size());
        rows.forEach(row -> result.add(map(row)));
        return result;
    }

    private Camera map(Row row) {
        var id = row.getUUID("id");
        var blob = row.getBuffer("credentials");
        var url = row.getString("rtsp_url");
        var associatedData = row.getInteger("credentials_binding") == LEGACY_BINDING
                ? CredentialCipher.legacy(id)
                : boundTo(id, url);
        return new Camera(
                id,
                row.getString("tenant_id"),
                row.getString("name"),
                row.getString("description"),
                row.getString("room_id"),
                row.getString("location"),
                url,
                blob == null ? null : cipher.decrypt(blob.getBytes(), associatedData),
                row.getBoolean("tls_verify"),
                row.getDouble("analysis_fps"),
                row.getInteger("output_width"),
                row.getInteger("output_height"),
                row.getInteger("jpeg_quality"),
                row.getBoolean("enabled"),
                row.getBoolean("run_requested"),
                row.getUUID("session_id"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
