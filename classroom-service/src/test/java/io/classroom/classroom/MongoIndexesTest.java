package io.classroom.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.classroom.repository.ProcessedEventRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The indexes behind the service's queries exist on the real server after startup. */
@QuarkusTest
class MongoIndexesTest {

    @Inject
    ClassRepository classes;

    @Inject
    ClassSessionRepository sessions;

    @Inject
    ProcessedEventRepository processed;

    @Test
    void indexesAreCreatedAtStartup() {
        var classIndexes =
                indexes(classes.mongoCollection().listIndexes().collect().asList());
        assertThat(classIndexes.stream().map(d -> d.getString("name")))
                .contains("tenant_joinCode", "tenant_teacher_title", "tenant_student", "tenant_title");
        assertThat(classIndexes)
                .filteredOn(d -> "tenant_joinCode".equals(d.getString("name")))
                .singleElement()
                .satisfies(d -> assertThat(d.getBoolean("unique")).isTrue());
        assertThat(indexes(sessions.mongoCollection().listIndexes().collect().asList()).stream()
                        .map(d -> d.getString("name")))
                .contains("tenant_class_startedAt", "state_plannedEnd", "startEventSent_startedAt", "tenant_roster");
        assertThat(indexes(processed.mongoCollection().listIndexes().collect().asList()))
                .filteredOn(d -> "processedAt_ttl".equals(d.getString("name")))
                .singleElement()
                .satisfies(d -> assertThat(((Number) d.get("expireAfterSeconds")).longValue())
                        .isEqualTo(Duration.ofDays(14).toSeconds()));
    }

    private static List<Document> indexes(io.smallrye.mutiny.Uni<List<Document>> listing) {
        return listing.await().atMost(Duration.ofSeconds(10));
    }
}
