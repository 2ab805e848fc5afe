package io.classroom.auth.repository;

import io.classroom.auth.OutboxEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Events waiting to be published (table {@code outbox}). */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntry, UUID> {

    /** Any number; the advisory lock lets one replica relay at a time, so events leave in order. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    /** The oldest entries, in the order they were written. */
    public Uni<List<OutboxEntry>> oldest(int limit) {
        return find("order by seq").page(0, limit).list();
    }

    /** Takes the relay lock for the current transaction; false when another replica holds it. */
    public Uni<Boolean> lockForRelay() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_try_advisory_xact_lock(:key)", Boolean.class)
                        .setParameter("key", RELAY_LOCK)
                        .getSingleResult());
    }
}
