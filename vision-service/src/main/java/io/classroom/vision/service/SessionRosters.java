package io.classroom.vision.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Running class sessions (from {@code classroom.sessions.v1}): the roster restricts recognition, the teacher is who
 * may identify faces in the session, the cameras are the sources whose calibration that teacher may set.
 */
@ApplicationScoped
public class SessionRosters {

    /** A running session of a tenant ({@code teacherId} null: led by admins only). */
    public record Session(UUID sessionId, String tenantId, UUID teacherId, Set<UUID> roster, Set<String> cameraIds) {

        public boolean taughtBy(UUID userId) {
            return userId.equals(teacherId);
        }
    }

    private final Map<UUID, Session> sessions = new ConcurrentHashMap<>();

    public void started(String tenantId, UUID sessionId, UUID teacherId, Set<UUID> roster, Set<String> cameraIds) {
        sessions.put(sessionId, new Session(sessionId, tenantId, teacherId, Set.copyOf(roster), Set.copyOf(cameraIds)));
    }

    public void ended(UUID sessionId) {
        sessions.remove(sessionId);
    }

    /** The running session of this tenant, or null (unknown, ended, or another tenant's). */
    public Session session(String tenantId, UUID sessionId) {
        if (sessionId == null) {
            return null;
        }
        var session = sessions.get(sessionId);
        return session != null && session.tenantId().equals(tenantId) ? session : null;
    }

    /** The roster of a session of this tenant, or null when unknown (then the whole tenant gallery is searched). */
    public Set<UUID> roster(String tenantId, UUID sessionId) {
        var session = session(tenantId, sessionId);
        return session == null ? null : session.roster();
    }

    /** Whether {@code teacherId} teaches a running session of the tenant filmed by {@code sourceId}. */
    public boolean teachesWith(String tenantId, UUID teacherId, String sourceId) {
        return sessions.values().stream()
                .anyMatch(s -> s.tenantId().equals(tenantId)
                        && s.taughtBy(teacherId)
                        && s.cameraIds().contains(sourceId));
    }

    /** Whether a running session of the tenant uses {@code sourceId}. */
    public boolean inUse(String tenantId, String sourceId) {
        return sessions.values().stream()
                .anyMatch(s -> s.tenantId().equals(tenantId) && s.cameraIds().contains(sourceId));
    }
}
