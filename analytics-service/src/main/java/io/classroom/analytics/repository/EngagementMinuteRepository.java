package io.classroom.analytics.repository;

import io.classroom.analytics.EngagementMinute;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Per-minute engagement counts of class sessions. */
@ApplicationScoped
public class EngagementMinuteRepository implements ReactivePanacheMongoRepositoryBase<EngagementMinute, String> {

    public Uni<List<EngagementMinute>> bySession(String tenantId, String sessionId) {
        return find("tenantId = ?1 and sessionId = ?2", Sort.ascending("minute"), tenantId, sessionId)
                .list();
    }
}
