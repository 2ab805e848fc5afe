package io.classroom.tracking.service;

import io.classroom.tracking.repository.AttendanceOverrideRepository;
import io.classroom.tracking.repository.AttendanceRecordRepository;
import io.classroom.tracking.repository.ClassSessionMemberRepository;
import io.classroom.tracking.repository.ClassSessionRepository;
import io.classroom.tracking.repository.OutboxRepository;
import io.classroom.tracking.repository.PersonalSessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Erases a deleted user ({@code UserDeleted}) from every store of this service, so that nothing names them any more:
 * the live state in Redis first (a tombstone keeps late events of running sessions from bringing them back, then
 * pseudonyms replace them), then, in one transaction, attendance and overrides are anonymised (numbers kept, links
 * and free-text reasons about them dropped), class sessions forget them as teacher, they leave the stored rosters,
 * their personal sessions (of every application) are deleted, and events naming them that still wait in the outbox
 * are dropped. Idempotent: a redelivered deletion
 * finds nothing left to change.
 */
@ApplicationScoped
public class UserErasure {

    private final LiveStateStore store;
    private final AttendanceRecordRepository records;
    private final AttendanceOverrideRepository overrides;
    private final ClassSessionRepository sessions;
    private final ClassSessionMemberRepository members;
    private final PersonalSessionRepository personalSessions;
    private final OutboxRepository outbox;

    public UserErasure(
            LiveStateStore store,
            AttendanceRecordRepository records,
            AttendanceOverrideRepository overrides,
            ClassSessionRepository sessions,
            ClassSessionMemberRepository members,
            PersonalSessionRepository personalSessions,
            OutboxRepository outbox) {
        this.store = store;
        this.records = records;
        this.overrides = overrides;
        this.sessions = sessions;
        this.members = members;
        this.personalSessions = personalSessions;
        this.outbox = outbox;
    }

    public Uni<Void> erase(String tenantId, UUID userId) {
        return store.eraseUser(tenantId, userId.toString())
                .chain(() -> Panache.withTransaction(() -> records.anonymise(tenantId, userId)
                        .chain(() -> overrides.anonymise(tenantId, userId))
                        .chain(() -> sessions.forgetTeacher(tenantId, userId))
                        .chain(() -> members.deleteByUser(tenantId, userId))
                        .chain(() -> personalSessions.deleteByOwner(tenantId, userId))
                        .chain(() -> outbox.dropMentioning(userId))))
                .replaceWithVoid();
    }
}
