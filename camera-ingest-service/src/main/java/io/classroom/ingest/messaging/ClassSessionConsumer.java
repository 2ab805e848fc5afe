package io.classroom.ingest.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.repository.CameraRepository;
import io.classroom.ingest.service.CameraScheduler;
import io.classroom.ingest.service.SessionStore;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows classroom.sessions.v1: a started session starts its cameras (frames tagged with the session id) and
 * records its roster for webcam uploads; an ended session stops them. The effects are idempotent, so a redelivered
 * event changes nothing. Unparseable messages go to the dead-letter topic.
 */
@ApplicationScoped
public class ClassSessionConsumer {

    private final ObjectMapper mapper;
    private final CameraRepository cameras;
    private final SessionStore sessions;
    private final CameraScheduler scheduler;

    public ClassSessionConsumer(
            ObjectMapper mapper, CameraRepository cameras, SessionStore sessions, CameraScheduler scheduler) {
        this.mapper = mapper;
        this.cameras = cameras;
        this.sessions = sessions;
        this.scheduler = scheduler;
    }

    @Incoming("sessions-in")
    @Blocking("session-events")
    public void consume(String json) throws IOException {
        var event = mapper.readValue(json, ClassSessionEvent.class);
        if (event.type() == null || event.tenantId() == null || event.sessionId() == null) {
            throw new IOException("event without type, tenantId or sessionId");
        }
        var sessionId = UUID.fromString(event.sessionId());
        switch (event.type()) {
            case ClassSessionEvent.STARTED -> started(event, sessionId);
            case ClassSessionEvent.ENDED -> ended(event, sessionId);
            default -> Log.debugf("ignoring %s event", event.type());
        }
    }

    private void started(ClassSessionEvent event, UUID sessionId) {
        sessions.started(
                event.sessionId(),
                event.tenantId(),
                event.teacherId(),
                event.roster() == null ? List.of() : event.roster(),
                event.plannedEnd());
        var ids = cameraIds(event.cameraIds());
        if (!ids.isEmpty()) {
            int matched = cameras.startForSession(event.tenantId(), ids, sessionId)
                    .await()
                    .atMost(Duration.ofSeconds(10));
            Log.infof("session %s started: %d of %d cameras requested", sessionId, matched, ids.size());
            scheduler.reconcileSoon();
        }
    }

    private void ended(ClassSessionEvent event, UUID sessionId) {
        sessions.ended(event.sessionId());
        int stopped =
                cameras.stopForSession(event.tenantId(), sessionId).await().atMost(Duration.ofSeconds(10));
        if (stopped > 0) {
            Log.infof("session %s ended: %d cameras stopped", sessionId, stopped);
            scheduler.reconcileSoon();
        }
    }

    /** Camera ids that are not registry ids (UUIDs) cannot match a camera here; they are skipped. */
    private static List<UUID> cameraIds(List<String> raw) {
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
