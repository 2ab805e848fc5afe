package io.classroom.auth.repository;

import io.classroom.auth.SigningKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Signing keys, newest first. */
@ApplicationScoped
@WithSession
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    /** The newest keys; older ones can no longer have live tokens. */
    public Uni<List<SigningKey>> newest(int howMany) {
        return findAll(Sort.descending("createdAt")).page(0, howMany).list();
    }

    public Uni<Integer> retireAllActive(Instant now) {
        return update("retiredAt = ?1 where retiredAt is null", now);
    }
}
