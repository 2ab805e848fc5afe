package io.classroom.tracking.repository;

import io.classroom.tracking.ClassSessionMember;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Roster members of tracked class sessions (table {@code tracking_class_session_member}). */
@ApplicationScoped
public class ClassSessionMemberRepository implements PanacheRepositoryBase<ClassSessionMember, UUID> {

    /** Whether the student was on the roster of a class session of the tenant that the teacher taught. */
    public Uni<Boolean> taughtBy(String tenantId, UUID studentId, UUID teacherId) {
        return count(
                        "tenantId = ?1 and userId = ?2 and sessionId in "
                                + "(select s.id from ClassSession s where s.tenantId = ?1 and s.teacherId = ?3)",
                        tenantId,
                        studentId,
                        teacherId)
                .map(count -> count > 0);
    }

    /** A deleted user leaves every roster. */
    public Uni<Long> deleteByUser(String tenantId, UUID userId) {
        return delete("tenantId = ?1 and userId = ?2", tenantId, userId);
    }
}
