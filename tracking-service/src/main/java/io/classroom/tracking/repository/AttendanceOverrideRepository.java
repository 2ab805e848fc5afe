package io.classroom.tracking.repository;

import io.classroom.tracking.AttendanceOverride;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AttendanceOverrideRepository implements PanacheRepositoryBase<AttendanceOverride, UUID> {

    public Uni<List<AttendanceOverride>> listByRecord(UUID recordId) {
        return list("recordId = ?1 order by at", recordId);
    }

    /** What replaces the reason of an override about a deleted user (the column is required). */
    public static final String ERASED_REASON = "(erased with the user)";

    /**
     * Removes the link to a deleted user, as the subject (with the reason, free text about them) or as the teacher
     * who overrode; the statuses stay.
     */
    public Uni<Integer> anonymise(String tenantId, UUID userId) {
        return update("userId = null, reason = ?3 where tenantId = ?1 and userId = ?2", tenantId, userId, ERASED_REASON)
                .chain(n -> update("actorId = null where tenantId = ?1 and actorId = ?2", tenantId, userId));
    }
}
