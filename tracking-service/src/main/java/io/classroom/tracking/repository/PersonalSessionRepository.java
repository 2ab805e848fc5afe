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

    public Uni<List<PersonalSession>> listByOwner(String tenantId, UUID userId) {
        return list("tenantId = ?1 and userId = ?2 order by startedAt desc", tenantId, userId);
    }

    public Uni<List<PersonalSession>> listByTenant(String tenantId) {
        return list("tenantId = ?1 order by startedAt desc", tenantId);
    }

    public Uni<Long> deleteByOwner(String tenantId, UUID userId) {
        return delete("tenantId = ?1 and userId = ?2", tenantId, userId);
    }
}
