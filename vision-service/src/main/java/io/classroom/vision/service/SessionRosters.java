package io.classroom.vision.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Rosters of running class sessions (from {@code classroom.sessions.v1}), to restrict recognition. */
@ApplicationScoped
public class SessionRosters {

    private record Roster(String tenantId, Set<UUID> userIds) {}

    private final Map<UUID, Roster> rosters = new ConcurrentHashMap<>();

    public void started(String tenantId, UUID sessionId, Set<UUID> userIds) {
        rosters.put(sessionId, new Roster(tenantId, Set.copyOf(userIds)));
    }

    public void ended(UUID sessionId) {
        rosters.remove(sessionId);
    }

    /** The roster of a session of this tenant, or null when unknown (then the whole tenant gallery is searched). */
    public Set<UUID> roster(String tenantId, UUID sessionId) {
        if (sessionId == null) {
            return null;
        }
        var roster = rosters.get(sessionId);
        return roster != null && roster.tenantId().equals(tenantId) ? roster.userIds() : null;
    }
}
