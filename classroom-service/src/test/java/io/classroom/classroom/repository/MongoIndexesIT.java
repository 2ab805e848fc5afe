package io.classroom.classroom.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The indexes behind the service's queries exist on the real server after startup. */
@QuarkusTest
class MongoIndexesIT {

    private static final Duration HANG = Duration.ofSeconds(60);

    @Inject
    MongoIndexes mongoIndexes;

    @Inject
    ClassRepository classes;

    @Inject
    ClassSessionRepository sessions;

    @Inject
    ProcessedEventRepository processed;

    @Test
    void indexesAreCreatedAtStartup() {
        var classIndexes =
                await(classes.mongoCollection().listIndexes().collect().asList());
        assertThat(classIndexes.stream().map(d -> d.getString("name")))
                .contains("tenant_joinCode", "tenant_teacher_title", "tenant_student", "tenant_title");
        assertThat(classIndexes)
                .filteredOn(d -> "tenant_joinCode".equals(d.getString("name")))
                .singleElement()
                .satisfies(d -> assertThat(d.getBoolean("unique")).isTrue());
        assertThat(sessionIndexNames())
                .contains("tenant_class_startedAt", "state_plannedEnd", "outbox_createdAt", "tenant_roster");
        assertThat(await(processed.mongoCollection().listIndexes().collect().asList()))
                .filteredOn(d -> "processedAt_ttl".equals(d.getString("name")))
                .singleElement()
                .satisfies(d -> assertThat(((Number) d.get("expireAfterSeconds")).longValue())
                        .isEqualTo(Duration.ofDays(14).toSeconds()));
    }

    @Test
    void theIndexesOfThePreviousOutboxFlagsAreDropped() {
        await(sessions.mongoCollection()
                .createIndex(
                        Indexes.ascending("startEventSent", "startedAt"),
                        new IndexOptions().name("startEventSent_startedAt")));
        assertThat(sessionIndexNames()).contains("startEventSent_startedAt");

        mongoIndexes.onStart(new StartupEvent());

        assertThat(sessionIndexNames()).doesNotContain("startEventSent_startedAt", "endEventSent_endedAt");
    }

    private List<String> sessionIndexNames() {
        return await(sessions.mongoCollection().listIndexes().collect().asList()).stream()
                .map(d -> d.getString("name"))
                .toList();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(HANG);
    }
}
