package io.classroom.ingest.service;

import io.classroom.ingest.repository.CameraRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Follows class sessions: a started session requests its cameras (frames tagged with the session id) and records its
 * roster for webcam uploads; an ended session stops them. Both are idempotent, so a redelivered event changes
 * nothing. Blocking: call from a worker thread; a store failure is thrown for the caller to retry.
 */
@ApplicationScoped
public class ClassSessionService {

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final CameraRepository cameras;
    private final SessionStore sessions;
    private final CameraScheduler scheduler;

    public ClassSessionService(CameraRepository cameras, SessionStore sessions, CameraScheduler scheduler) {
        this.cameras = cameras;
        this.sessions = sessions;
        this.scheduler = scheduler;
    }

    public void started(
            String tenantId,
            UUID sessionId,
            String teacherId,
            List<String> roster,
            Instant plannedEnd,
            List<String> cameraIds) {
        sessions.started(sessionId.toString(), tenantId, teacherId, roster == null ? List.of() : roster, plannedEnd);
        var ids = registryIds(cameraIds);
        if (!ids.isEmpty()) {
            int matched =
                    cameras.startForSession(tenantId, ids, sessionId).await().atMost(STORE_TIMEOUT);
            Log.infof("session %s started: %d of %d cameras requested", sessionId, matched, ids.size());
            scheduler.reconcileSoon();
        }
    }

    public void ended(String tenantId, UUID sessionId) {
        sessions.ended(sessionId.toString());
        int stopped = cameras.stopForSession(tenantId, sessionId).await().atMost(STORE_TIMEOUT);
        if (stopped > 0) {
            Log.infof("session %s ended: %d cameras stopped", sessionId, stopped);
            scheduler.reconcileSoon();
        }
    }

    /** Camera ids that are not registry ids (UUIDs) cannot match a camera here; they are skipped. */
    private static List<UUID> registryIds(List<String> raw) {
        var ids = new ArrayList<UUID>();
        if (raw != null) {
            for (var id : raw) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    Log.debugf("camera id %s of a session is not a camera of this registry", id);
                }
            }
        }
        return ids;
    }
}
