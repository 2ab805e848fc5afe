package io.classroom.analytics.repository;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.classroom.analytics.config.AnalyticsConfig;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates, at startup, one index per query the service makes, the unique keys the de-duplication relies on and the
 * TTL indexes of the retention (createIndex is a no-op when the index exists).
 */
@ApplicationScoped
public class MongoIndexes {

    /** Page statistics are read per application now: the index of the reads over every application goes. */
    private static final String OBSOLETE_PAGE_VIEW_INDEX = "tenantId_1_at_1";

    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;

    private final PageViewRepository pageViews;
    private final SessionRepository sessions;
    private final AttendanceRepository attendance;
    private final ObservationRepository observations;
    private final EngagementMinuteRepository minutes;
    private final CameraCellRepository cells;
    private final ProcessedEventRepository processed;
    private final RoomSnapshotRepository snapshots;
    private final AnalyticsConfig config;
    private final ReactiveMongoClient mongo;
    private final String database;

    public MongoIndexes(
            PageViewRepository pageViews,
            SessionRepository sessions,
            AttendanceRepository attendance,
            ObservationRepository observations,
            EngagementMinuteRepository minutes,
            CameraCellRepository cells,
            ProcessedEventRepository processed,
            RoomSnapshotRepository snapshots,
            AnalyticsConfig config,
            ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.pageViews = pageViews;
        this.sessions = sessions;
        this.attendance = attendance;
        this.observations = observations;
        this.minutes = minutes;
        this.cells = cells;
        this.processed = processed;
        this.snapshots = snapshots;
        this.config = config;
        this.mongo = mongo;
        this.database = database;
    }

    void onStart(@Observes StartupEvent event) {
        Uni.join()
                .all(
                        pageViews
                                .mongoCollection()
                                .createIndexes(List.of(
                                        new IndexModel(Indexes.ascending("tenantId", "app", "at")),
                                        new IndexModel(Indexes.ascending("tenantId", "app", "userId", "at")),
                                        new IndexModel(Indexes.ascending("tenantId", "userId", "at"))))
                                .call(this::dropObsoletePageViewIndex),
                        sessions.mongoCollection()
                                .createIndexes(List.of(
                                        new IndexModel(Indexes.ascending("tenantId", "startedAt")),
                                        new IndexModel(Indexes.ascending("tenantId", "classId", "startedAt")),
                                        new IndexModel(Indexes.ascending("tenantId", "ownerId")),
                                        new IndexModel(Indexes.ascending("tenantId", "userIds")),
                                        new IndexModel(Indexes.ascending("tenantId", "cameraIds")))),
                        attendance
                                .mongoCollection()
                                .createIndexes(List.of(
                                        new IndexModel(
                                                Indexes.ascending("tenantId", "sessionId", "userId"),
                                                new IndexOptions().unique(true)),
                                        new IndexModel(Indexes.ascending("tenantId", "classId", "sessionStartedAt")),
                                        new IndexModel(Indexes.ascending("tenantId", "userId")))),
                        observations
                                .mongoCollection()
                                .createIndexes(List.of(
                                        new IndexModel(Indexes.ascending("tenantId", "sessionId", "capturedAt")),
                                        new IndexModel(Indexes.ascending("tenantId", "faces.userId")),
                                        new IndexModel(Indexes.ascending("tenantId", "sourceId")))),
                        minutes.mongoCollection()
                                .createIndexes(
                                        List.of(new IndexModel(Indexes.ascending("tenantId", "sessionId", "minute")))),
                        cells.mongoCollection()
                                .createIndexes(List.of(
                                        new IndexModel(Indexes.ascending("tenantId", "cameraId", "sessionId")))),
                        expiring(
                                observations.mongoCollection(),
                                "observations",
                                "ingestedAt",
                                config.observationRetention()),
                        snapshots
                                .mongoCollection()
                                .createIndexes(List.of(new IndexModel(Indexes.ascending("tenantId", "sessionId")))),
                        // A room snapshot lives as long as the session's detailed report, built from the raw frames.
                        expiring(
                                snapshots.mongoCollection(),
                                "room_snapshots",
                                "storedAt",
                                config.observationRetention()),
                        expiring(processed.mongoCollection(), "processed_events", "at", config.dedupeRetention()))
                .andFailFast()
                .await()
                .atMost(Duration.ofSeconds(30));
        Log.infof("Indexes ready; raw observations and room snapshots expire after %s", config.observationRetention());
    }

    private Uni<Void> dropObsoletePageViewIndex() {
        var collection = pageViews.mongoCollection();
        return collection
                .listIndexes()
                .map(index -> index.getString("name"))
                .filter(OBSOLETE_PAGE_VIEW_INDEX::equals)
                .onItem()
                .transformToUniAndConcatenate(collection::dropIndex)
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * A TTL index; when it exists with another retention (configuration changed), MongoDB refuses to recreate it, so
     * the retention is changed in place with {@code collMod}.
     */
    private Uni<List<String>> expiring(
            ReactiveMongoCollection<?> collection, String name, String field, Duration retention) {
        var options = new IndexOptions().expireAfter(retention.toSeconds(), TimeUnit.SECONDS);
        return collection
                .createIndex(Indexes.ascending(field), options)
                .map(List::of)
                .onFailure(e -> e instanceof MongoCommandException command
                        && (command.getErrorCode() == INDEX_OPTIONS_CONFLICT
                                || command.getErrorCode() == INDEX_KEY_SPECS_CONFLICT))
                .recoverWithUni(() -> mongo.getDatabase(database)
                        .runCommand(new Document("collMod", name)
                                .append(
                                        "index",
                                        new Document("keyPattern", new Document(field, 1))
                                                .append("expireAfterSeconds", retention.toSeconds())))
                        .invoke(() -> Log.infof("Retention of %s changed to %s", name, retention))
                        .replaceWith(List.of(field + "_1")));
    }
}
