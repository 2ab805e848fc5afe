package io.classroom.tracking.repository;

import io.classroom.tracking.PersonalSession;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PersonalSessionRepository implements PanacheRepositoryBase<PersonalSession, UUID> {

    public Uni<PersonalSession> findInTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** A user's sessions of one application, newest first (index {@code ix_personal_app_owner}). */
    public Uni<List<PersonalSession>> listByOwner(String tenantId, UUID userId, String app) {
        return list("tenantId = ?1 and app = ?2 and userId = ?3 order by startedAt desc", tenantId, app, userId);
    }

    /** The tenant's sessions of one application, newest first (index {@code ix_personal_app_owner}). */
    public Uni<List<PersonalSession>> listByTenant(String tenantId, String app) {
        return list("tenantId = ?1 and app = ?2 order by startedAt desc", tenantId, app);
    }

    public Uni<Long> deleteByOwner(String tenantId, UUID userId) {
        return delete("tenantId = ?1 and userId = ?2", tenantId, userId);
    }
}
