package io.classroom.tracking.repository;

import io.classroom.tracking.AttendanceRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AttendanceRecordRepository implements PanacheRepositoryBase<AttendanceRecord, UUID> {

    public Uni<List<AttendanceRecord>> listBySession(String tenantId, UUID sessionId) {
        return list("tenantId = ?1 and sessionId = ?2 order by userId", tenantId, sessionId);
    }

    public Uni<AttendanceRecord> findBySessionAndUser(String tenantId, UUID sessionId, UUID userId) {
        return find("tenantId = ?1 and sessionId = ?2 and userId = ?3", tenantId, sessionId, userId)
                .firstResult();
    }

    public Uni<List<AttendanceRecord>> listByUser(String tenantId, UUID userId) {
        return list("tenantId = ?1 and userId = ?2 order by sessionStartedAt desc", tenantId, userId);
    }

    public Uni<List<AttendanceRecord>> listByClass(String tenantId, String classId) {
        return list("tenantId = ?1 and classId = ?2 order by sessionStartedAt desc, userId", tenantId, classId);
    }

    public Uni<Long> countBySession(UUID sessionId) {
        return count("sessionId", sessionId);
    }

    /**
     * Anonymises a deleted user's attendance: numbers stay for class statistics, the link to the person goes, and so
     * does an override's reason (free text about them).
     */
    public Uni<Integer> anonymise(String tenantId, UUID userId) {
        return update("userId = null, overrideReason = null where tenantId = ?1 and userId = ?2", tenantId, userId);
    }
}
