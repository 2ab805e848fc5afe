package io.classroom.classroom.repository;

import static com.mongodb.client.model.Indexes.ascending;
import static com.mongodb.client.model.Indexes.compoundIndex;
import static com.mongodb.client.model.Indexes.descending;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import io.classroom.classroom.config.ClassroomConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Creates, at startup, one index per query the service makes (createIndex is a no-op when it exists). */
@ApplicationScoped
public class MongoIndexes {

    private static final Set<String> OBSOLETE = Set.of("startEventSent_startedAt", "endEventSent_endedAt");

    private final ClassRepository classes;
    private final RoomRepository rooms;
    private final ClassSessionRepository sessions;
    private final ProcessedEventRepository processedEvents;
    private final ClassroomConfig config;

    public MongoIndexes(
            ClassRepository classes,
            RoomRepository rooms,
            ClassSessionRepository sessions,
            ProcessedEventRepository processedEvents,
            ClassroomConfig config) {
        this.classes = classes;
        this.rooms = rooms;
        this.sessions = sessions;
        this.processedEvents = processedEvents;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        var retention = config.users().processedEventRetention().toSeconds();
        Uni.join()
                .all(
                        classes.mongoCollection()
                                .createIndexes(List.of(
                                        new IndexModel(
                                                ascending("tenantId", "joinCode"),
                                                new IndexOptions().unique(true).name("tenant_joinCode")),
                                        new IndexModel(
                                                ascending("tenantId", "teacherId", "title"),
                                                new IndexOptions().name("tenant_teacher_title")),
                                        new IndexModel(
                                                ascending("tenantId", "students.userId"),
                                                new IndexOptions().name("tenant_student")),
                                        new IndexModel(
                                                ascending("tenantId", "title"),
                                                new IndexOptions().name("tenant_title")),
                                        new IndexModel(
                                                ascending("tenantId", "defaultRoomId"),
                                                new IndexOptions().name("tenant_defaultRoom")),
                                        new IndexModel(
                                                ascending(ClassRepository.NEXT_OCCURRENCE_AT),
                                                new IndexOptions().name("nextOccurrenceAt")))),
                        rooms.mongoCollection()
                                .createIndexes(List.of(new IndexModel(
                                        ascending("tenantId", "name"), new IndexOptions().name("tenant_name")))),
                        sessions.mongoCollection()
                                .createIndexes(List.of(
                                        new IndexModel(
                                                compoundIndex(
                                                        ascending("tenantId", "classId"), descending("startedAt")),
                                                new IndexOptions().name("tenant_class_startedAt")),
                                        new IndexModel(
                                                compoundIndex(
                                                        ascending("tenantId", "teacherId", "state"),
                                                        descending("startedAt")),
                                                new IndexOptions().name("tenant_teacher_state_startedAt")),
                                        new IndexModel(
                                                compoundIndex(ascending("tenantId", "state"), descending("startedAt")),
                                                new IndexOptions().name("tenant_state_startedAt")),
                                        new IndexModel(
                                                ascending("state", "plannedEnd"),
                                                new IndexOptions().name("state_plannedEnd")),
                                        new IndexModel(
                                                ascending("state", "trigger", "plannedEnd"),
                                                new IndexOptions().name("state_trigger_plannedEnd")),
                                        new IndexModel(
                                                ascending(ClassSessionRepository.OUTBOX_CREATED_AT),
                                                new IndexOptions().name("outbox_createdAt")),
                                        new IndexModel(
                                                ascending("tenantId", "roster"),
                                                new IndexOptions().name("tenant_roster")))),
                        processedEvents
                                .mongoCollection()
                                .createIndexes(List.of(new IndexModel(
                                        ascending("processedAt"),
                                        new IndexOptions()
                                                .name("processedAt_ttl")
                                                .expireAfter(retention, TimeUnit.SECONDS)))))
                .andFailFast()
                .chain(this::dropObsolete)
                .await()
                .atMost(Duration.ofSeconds(30));
        Log.info("MongoDB indexes of classroom-service are in place");
    }

    /** Indexes of queries the service no longer makes (the previous version's outbox flags). */
    private Uni<Void> dropObsolete() {
        var collection = sessions.mongoCollection();
        return collection
                .listIndexes()
                .map(index -> index.getString("name"))
                .filter(OBSOLETE::contains)
                .onItem()
                .transformToUniAndConcatenate(collection::dropIndex)
                .collect()
                .last()
                .replaceWithVoid();
    }
}
