package io.classroom.analytics.service;

import io.classroom.analytics.UserProfile;
import io.classroom.analytics.repository.AttendanceRepository;
import io.classroom.analytics.repository.CameraCellRepository;
import io.classroom.analytics.repository.DeletedUserRepository;
import io.classroom.analytics.repository.ObservationRepository;
import io.classroom.analytics.repository.PageViewRepository;
import io.classroom.analytics.repository.RoomSnapshotRepository;
import io.classroom.analytics.repository.SessionRepository;
import io.classroom.analytics.repository.UserProfileRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/**
 * Erases a deleted user ({@code UserDeleted}) from every collection, so that nothing names them any more: a tombstone
 * (a digest, and the pseudonym) first, so that events about them arriving later get the same pseudonym; then the room
 * snapshots of their class sessions are deleted (blurred, but pictures of them all the same), and the user id is
 * replaced by the pseudonym in page views, sessions (owner, roster, webcam; their personal sessions' titles
 * dropped), attendance, raw frames and page paths that name them (their e-mail address there becomes {@code erased}), their webcam's camera cells move to the pseudonym, and the profile (name, e-mail address) is
 * deleted. Rows stay countable (in their application: an {@code app} names an application, never a person, and
 * stays). Idempotent: a repeated deletion reuses the pseudonym.
 */
@ApplicationScoped
public class UserErasure {

    private final DeletedUserRepository deleted;
    private final PageViewRepository pageViews;
    private final SessionRepository sessions;
    private final AttendanceRepository attendance;
    private final ObservationRepository observations;
    private final CameraCellRepository cells;
    private final UserProfileRepository users;
    private final RoomSnapshotRepository snapshots;

    public UserErasure(
            DeletedUserRepository deleted,
            PageViewRepository pageViews,
            SessionRepository sessions,
            AttendanceRepository attendance,
            ObservationRepository observations,
            CameraCellRepository cells,
            UserProfileRepository users,
            RoomSnapshotRepository snapshots) {
        this.deleted = deleted;
        this.pageViews = pageViews;
        this.sessions = sessions;
        this.attendance = attendance;
        this.observations = observations;
        this.cells = cells;
        this.users = users;
        this.snapshots = snapshots;
    }

    public Uni<Void> erase(String tenantId, String userId) {
        Log.infof("Erasing a deleted user of tenant %s", tenantId);
        return users.findById(UserProfileRepository.id(tenantId, userId))
                .chain(profile -> deleted.tombstone(tenantId, userId)
                        .chain(pseudonym -> erase(tenantId, userId, pseudonym, profile)));
    }

    private Uni<Void> erase(String tenantId, String userId, String pseudonym, UserProfile profile) {
        // A display name is not replaced inside page paths: a short one would match unrelated text.
        List<String> addresses = profile == null ? List.of() : Arrays.asList(profile.email);
        // The room snapshots of their sessions go first, while the sessions still name them.
        return sessions.classSessionIdsOf(tenantId, userId)
                .chain(ids -> snapshots.deleteForSessions(tenantId, ids))
                .chain(() -> pageViews.pseudonymise(tenantId, userId, pseudonym, addresses))
                .chain(() -> sessions.pseudonymise(tenantId, userId, pseudonym))
                .chain(() -> attendance.pseudonymise(tenantId, userId, pseudonym))
                .chain(() -> observations.pseudonymise(tenantId, userId, pseudonym))
                .chain(() -> cells.rename(
                        tenantId, ObservationRepository.WEBCAM + userId, ObservationRepository.WEBCAM + pseudonym))
                .chain(() -> users.deleteById(UserProfileRepository.id(tenantId, userId)))
                .replaceWithVoid();
    }
}
