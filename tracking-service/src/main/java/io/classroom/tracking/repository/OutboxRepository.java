package io.classroom.tracking.repository;

import io.classroom.tracking.OutboxEntry;
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

    /**
     * Drops the events still waiting that name a user (as record key or anywhere in the payload): a deleted user's
     * data must not leave after the deletion. Must run inside a transaction.
     */
    public Uni<Integer> dropMentioning(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "delete from outbox where record_key = :id or position(:id in payload) > 0")
                        .setParameter("id", userId.toString())
                        .executeUpdate());
    }

    /** Takes the relay lock for the current transaction; false when another replica holds it. */
    public Uni<Boolean> lockForRelay() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_try_advisory_xact_lock(:key)", Boolean.class)
                        .setParameter("key", RELAY_LOCK)
                        .getSingleResult());
    }
}
