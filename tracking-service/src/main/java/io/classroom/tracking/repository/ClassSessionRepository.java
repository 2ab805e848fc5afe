package io.classroom.tracking.repository;

import io.classroom.tracking.ClassSession;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ClassSessionRepository implements PanacheRepositoryBase<ClassSession, UUID> {

    public Uni<ClassSession> findInTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** A deleted teacher: their sessions keep everything but the link to them. */
    public Uni<Integer> forgetTeacher(String tenantId, UUID teacherId) {
        return update("teacherId = null where tenantId = ?1 and teacherId = ?2", tenantId, teacherId);
    }

    public Uni<List<ClassSession>> listByClass(String tenantId, String classId) {
        return list("tenantId = ?1 and classId = ?2 order by startedAt desc", tenantId, classId);
    }
}
