package io.classroom.classroom.service;

import io.classroom.classroom.messaging.UserEvent;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.classroom.repository.KnownUserRepository;
import io.classroom.classroom.repository.ProcessedEventRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Applies user lifecycle events to rosters and display names, once per event id. */
@ApplicationScoped
public class UserDirectoryService {

    private final ProcessedEventRepository processed;
    private final KnownUserRepository knownUsers;
    private final ClassRepository classes;
    private final ClassSessionRepository sessions;

    public UserDirectoryService(
            ProcessedEventRepository processed,
            KnownUserRepository knownUsers,
            ClassRepository classes,
            ClassSessionRepository sessions) {
        this.processed = processed;
        this.knownUsers = knownUsers;
        this.classes = classes;
        this.sessions = sessions;
    }

    public Uni<Void> apply(UserEvent event) {
        var eventId = event.eventId().toString();
        return processed.seen(eventId).chain(seen -> {
            if (seen) {
                Log.debugf("auth event %s already applied", eventId);
                return Uni.createFrom().voidItem();
            }
            // Each effect is itself idempotent, so a crash before remember() only repeats harmless writes.
            return effect(event).chain(() -> processed.remember(eventId, Instant.now()));
        });
    }

    /**
     * Leaves nothing of a deleted user: off every roster (with the name or email shown there), the known name
     * forgotten, and the user's id in session roster snapshots (and their pending events) replaced by a random id per
     * session. Camera claims and processed event ids hold no user id. A class the user taught keeps its teacherId
     * (a bare id, required by ClassSessionStarted) for an admin of the tenant to manage.
     */
    private Uni<Void> erase(String tenant, String user) {
        return classes.removeStudentEverywhere(tenant, user)
                .chain(() -> sessions.withRosterMember(tenant, user)
                        .onItem()
                        .transformToUniAndConcatenate(s ->
                                sessions.pseudonymise(s, user, UUID.randomUUID().toString()))
                        .collect()
                        .last())
                .chain(() -> knownUsers.remove(tenant, user));
    }

    private Uni<Void> effect(UserEvent event) {
        var tenant = event.tenantId();
        var user = event.userId().toString();
        var name = event.displayName();
        return switch (event.type()) {
            case UserEvent.REGISTERED -> knownUsers.upsert(tenant, user, name, event.occurredAt());
            case UserEvent.UPDATED ->
                knownUsers
                        .upsert(tenant, user, name, event.occurredAt())
                        .chain(() -> classes.renameStudentEverywhere(tenant, user, name));
            case UserEvent.DELETED -> erase(tenant, user);
            default -> {
                Log.debugf("ignoring auth event type %s", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
