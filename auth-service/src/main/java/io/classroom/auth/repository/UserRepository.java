package io.classroom.auth.repository;

import io.classroom.auth.UserAccount;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Users, always looked up within one tenant. */
@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepositoryBase<UserAccount, UUID> {

    public Uni<UserAccount> findInTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    public Uni<UserAccount> findByEmail(String tenantId, String email) {
        return find("tenantId = ?1 and emailNormalised = ?2", tenantId, UserAccount.normalise(email))
                .firstResult();
    }

    public Uni<List<UserAccount>> page(String tenantId, int page, int size) {
        return find("tenantId", Sort.by("emailNormalised"), tenantId)
                .page(Page.of(page, size))
                .list();
    }

    public Uni<Long> countInTenant(String tenantId) {
        return count("tenantId", tenantId);
    }
}
