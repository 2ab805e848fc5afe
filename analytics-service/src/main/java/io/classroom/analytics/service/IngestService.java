package io.classroom.analytics.service;

import io.classroom.analytics.AnnouncedCamera;
import io.classroom.analytics.App;
import io.classroom.analytics.AttendanceRecord;
import io.classroom.analytics.Observation;
import io.classroom.analytics.RoomSnapshot;
import io.classroom.analytics.TrackedSession;
import io.classroom.analytics.UserProfile;
import io.classroom.analytics.config.AnalyticsConfig;
import io.classroom.analytics.messaging.ActivityEvent;
import io.classroom.analytics.messaging.AttendanceEvent;
import io.classroom.analytics.messaging.CameraSessionEvent;
import io.classroom.analytics.messaging.ClassSessionEvent;
import io.classroom.analytics.messaging.FrameAnalyzed;
import io.classroom.analytics.messaging.UserEvent;
import io.classroom.analytics.render.Images;
import io.classroom.analytics.repository.AnnouncedCameraRepository;
import io.classroom.analytics.repository.AttendanceRepository;
import io.classroom.analytics.repository.DeletedUserRepository;
import io.classroom.analytics.repository.ObservationRepository;
import io.classroom.analytics.repository.ProcessedEventRepository;
import io.classroom.analytics.repository.RoomSnapshotRepository;
import io.classroom.analytics.repository.SessionRepository;
import io.classroom.analytics.repository.UserProfileRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * Applies consumed events to the store, each event id at most once. The events arrive validated (the fields each
 * effect relies on are there, see the records' constraints).
 */
@ApplicationScoped
public class IngestService {

    private static final Duration RELEASE_BACK_OFF = Duration.ofMillis(100);
    private static final Duration RELEASE_MAX_BACK_OFF = Duration.ofSeconds(5);

    private final ProcessedEventRepository processed;
    private final SessionRepository sessions;
    private final AttendanceRepository attendance;
    private final ObservationRepository observations;
    private final UserProfileRepository users;
    private final DeletedUserRepository deleted;
    private final UserErasure erasure;
    private final AnnouncedCameraRepository cameras;
    private final RoomSnapshotRepository snapshots;
    private final AnalyticsConfig config;

    public IngestService(
            ProcessedEventRepository processed,
            SessionRepository sessions,
            AttendanceRepository attendance,
            ObservationRepository observations,
            UserProfileRepository users,
            DeletedUserRepository deleted,
            UserErasure erasure,
            AnnouncedCameraRepository cameras,
            RoomSnapshotRepository snapshots,
            AnalyticsConfig config) {
        this.processed = processed;
        this.sessions = sessions;
        this.attendance = attendance;
        this.observations = observations;
        this.users = users;
        this.deleted = deleted;
        this.erasure = erasure;
        this.cameras = cameras;
        this.snapshots = snapshots;
        this.config = config;
    }

    /**
     * Claims the event id, then applies the effect; a failed effect releases the claim so that the retry applies it
     * (no Mongo transactions here, so claim-then-apply is what keeps {@code $inc} aggregates exact). The release is
     * itself retried until the store takes it: a claim left behind by an outage would make the retry skip the effect.
     */
    private Uni<Void> once(UUID eventId, String topic, Supplier<Uni<Void>> effect) {
        String id = eventId.toString();
        return processed.claim(id, topic).chain(first -> {
            if (!first) {
                Log.debugf("Skipping duplicate event %s on %s", id, topic);
                return Uni.createFrom().voidItem();
            }
            return effect.get()
                    .onFailure()
                    .call(() -> processed
                            .release(id)
                            .onFailure()
                            .retry()
                            .withBackOff(RELEASE_BACK_OFF, RELEASE_MAX_BACK_OFF)
                            .indefinitely());
        });
    }

    /**
     * Users deleted before an event about them arrived (the topics are not ordered with auth.users.v1) are stored
     * under their pseudonym: nothing names them again.
     */
    public Uni<Void> apply(ClassSessionEvent event) {
        if (!ClassSessionEvent.STARTED.equals(event.type())) {
            return apply(event, Map.of());
        }
        List<String> people = new ArrayList<>(event.roster());
        people.add(event.teacherId());
        return deleted.pseudonyms(event.tenantId(), people).chain(pseudonyms -> apply(event, pseudonyms));
    }

    private Uni<Void> apply(ClassSessionEvent event, Map<String, String> pseudonyms) {
        var fields = new Document("classId", event.classId()).append("startedAt", event.startedAt());
        switch (event.type()) {
            case ClassSessionEvent.STARTED ->
                fields.append("ownerId", pseudonyms.getOrDefault(event.teacherId(), event.teacherId()))
                        .append(
                                "userIds",
                                event.roster().stream()
                                        .map(member -> pseudonyms.getOrDefault(member, member))
                                        .toList())
                        .append("className", event.className())
                        .append("roomId", event.roomId())
                        .append("roomName", event.roomName())
                        .append("cameraIds", event.cameraIds())
                        .append("plannedEnd", event.plannedEnd())
                        .append("attendanceThreshold", event.attendanceThreshold())
                        .append("timeZone", event.timeZone());
            case ClassSessionEvent.ENDED -> {
                fields.append("endedAt", event.endedAt());
                if (event.startedAt() != null) {
                    fields.append(
                            "durationSeconds",
                            Duration.between(event.startedAt(), event.endedAt()).toSeconds());
                }
            }
            default -> {
                Log.debugf("Ignoring %s on classroom.sessions.v1", event.type());
                return Uni.createFrom().voidItem();
            }
        }
        return once(
                event.eventId(),
                "classroom.sessions.v1",
                () -> sessions.upsert(
                        event.tenantId(), event.sessionId(), TrackedSession.Kind.CLASS, fields, new Document()));
    }

    public Uni<Void> apply(ActivityEvent event) {
        return deleted.pseudonyms(event.tenantId(), List.of(event.userId()))
                .chain(pseudonyms -> apply(event, pseudonyms.get(event.userId())));
    }

    /**
     * A deleted owner's session is kept under the pseudonym, without its title (free text they wrote). The session's
     * application is the events' (an event without one leaves it, or makes a new session {@link App#DEFAULT}'s).
     */
    private Uni<Void> apply(ActivityEvent event, String pseudonym) {
        String owner = pseudonym == null ? event.userId() : pseudonym;
        var fields =
                new Document("ownerId", owner).append("userIds", List.of(owner)).append("app", event.app());
        switch (event.type()) {
            case ActivityEvent.STARTED ->
                fields.append("startedAt", event.start()).append("title", pseudonym == null ? event.title() : null);
            case ActivityEvent.ENDED -> {
                Instant end = event.end();
                Long duration = event.activeSeconds();
                if (duration == null && event.startedAt() != null) {
                    duration = Duration.between(event.startedAt(), end).toSeconds();
                }
                fields.append("startedAt", event.startedAt())
                        .append("endedAt", end)
                        .append("durationSeconds", duration)
                        .append("activeSeconds", event.activeSeconds())
                        .append("focusSeconds", event.focusSeconds())
                        .append("distractionSeconds", event.distractionSeconds())
                        .append("activities", event.activities() == null ? null : new Document(event.activities()));
            }
            default -> {
                // Pauses and resumes do not change what the heatmap counts.
            }
        }
        return once(
                event.eventId(),
                "tracking.activity.v1",
                () -> sessions.upsert(
                        event.tenantId(),
                        event.sessionId(),
                        TrackedSession.Kind.PERSONAL,
                        fields,
                        new Document("app", App.DEFAULT)));
    }

    public Uni<Void> apply(AttendanceEvent event) {
        return deleted.pseudonyms(event.tenantId(), List.of(event.userId()))
                .chain(pseudonyms -> apply(event, pseudonyms.getOrDefault(event.userId(), event.userId())));
    }

    private Uni<Void> apply(AttendanceEvent event, String userId) {
        var row = new AttendanceRecord();
        row.tenantId = event.tenantId();
        row.sessionId = event.sessionId();
        row.classId = event.classId();
        row.userId = userId;
        row.status = event.status();
        row.presentSeconds = event.presentSeconds();
        row.engagedSeconds = event.engagedSeconds();
        row.engagementPct = event.engagementPct();
        row.late = event.late();
        row.leftEarly = event.leftEarly();
        row.firstSeenAt = event.firstSeenAt();
        row.lastSeenAt = event.lastSeenAt();
        row.sessionStartedAt = event.sessionStartedAt();
        row.sessionEndedAt = event.sessionEndedAt();
        row.finalized = AttendanceEvent.FINALIZED.equals(event.type());
        row.updatedAt = event.occurredAt();
        return once(event.eventId(), "tracking.attendance.v1", () -> attendance.upsert(row));
    }

    public Uni<Void> apply(FrameAnalyzed event) {
        List<String> people = new ArrayList<>();
        event.faces().stream()
                .filter(face -> face.identity() != null)
                .forEach(face -> people.add(face.identity().userId()));
        String webcamOwner = event.sourceId().startsWith(ObservationRepository.WEBCAM)
                ? event.sourceId().substring(ObservationRepository.WEBCAM.length())
                : null;
        if (webcamOwner != null) {
            people.add(webcamOwner);
        }
        if (people.isEmpty()) {
            return apply(event, Map.of(), null);
        }
        return deleted.pseudonyms(event.tenantId(), people).chain(pseudonyms -> apply(event, pseudonyms, webcamOwner));
    }

    /** A deleted webcam owner's frame is stored under the pseudonym: its id too, so a redelivery is still a duplicate. */
    private Uni<Void> apply(FrameAnalyzed event, Map<String, String> pseudonyms, String webcamOwner) {
        String frameId = event.frameId();
        String sourceId = event.sourceId();
        String ownerPseudonym = webcamOwner == null ? null : pseudonyms.get(webcamOwner);
        if (ownerPseudonym != null) {
            frameId = frameId.replace(webcamOwner, ownerPseudonym);
            sourceId = ObservationRepository.WEBCAM + ownerPseudonym;
        }
        var frame = new Observation();
        frame.id = event.tenantId() + "/" + frameId;
        frame.tenantId = event.tenantId();
        frame.frameId = frameId;
        frame.sourceId = sourceId;
        frame.sessionId = event.sessionId();
        frame.capturedAt = event.capturedAt();
        frame.ingestedAt = Instant.now();
        frame.faces = new ArrayList<>();
        int unidentified = 0;
        for (var face : event.faces()) {
            var stored = new Observation.Face();
            stored.x = face.box().x();
            stored.y = face.box().y();
            stored.width = face.box().width();
            stored.height = face.box().height();
            stored.attentive = face.attentive();
            if (face.identity() != null) {
                stored.userId = pseudonyms.getOrDefault(
                        face.identity().userId(), face.identity().userId());
                stored.similarity = face.identity().similarity();
            } else {
                unidentified++;
            }
            frame.faces.add(stored);
        }
        frame.unknownFaces = event.unknownFaces() != null ? event.unknownFaces() : unidentified;
        // Frames are de-duplicated by frame id (the raw frame's unique _id): one write less per frame; raw frames live
        // longer than any redelivery.
        return observations
                .ingest(frame, config.gridColumns(), config.gridRows())
                .invoke(stored -> {
                    if (!stored) {
                        Log.debugf("Skipping duplicate frame %s", event.frameId());
                    }
                })
                .replaceWithVoid();
    }

    /**
     * A camera's announcement: its name for heatmap titles and the first snapshot of the room for the session. No
     * snapshot is kept for a session one of whose students was already erased (events are not ordered with
     * auth.users.v1), nor one that is not a readable image.
     */
    public Uni<Void> apply(CameraSessionEvent event) {
        if (!CameraSessionEvent.STARTED.equals(event.type())) {
            Log.debugf("Ignoring %s on ingest.cameras.v1", event.type());
            return Uni.createFrom().voidItem();
        }
        var camera = new AnnouncedCamera();
        camera.tenantId = event.tenantId();
        camera.cameraId = event.cameraId();
        camera.name = event.cameraName();
        camera.roomId = event.roomId();
        camera.announcedAt = event.occurredAt();
        return once(
                event.eventId(),
                "ingest.cameras.v1",
                () -> cameras.announce(camera).chain(() -> keepSnapshot(event)));
    }

    private Uni<Void> keepSnapshot(CameraSessionEvent event) {
        var snapshot = event.snapshot();
        byte[] jpeg = snapshot == null ? null : snapshot.jpeg();
        if (jpeg == null || !Images.isReadable(jpeg)) {
            return Uni.createFrom().voidItem();
        }
        return sessions.findClassSession(event.tenantId(), event.sessionId()).chain(session -> {
            if (session != null
                    && session.userIds != null
                    && session.userIds.stream().anyMatch(DeletedUserRepository::isPseudonym)) {
                return Uni.createFrom().voidItem();
            }
            var kept = new RoomSnapshot();
            kept.id = RoomSnapshotRepository.id(event.tenantId(), event.sessionId(), event.cameraId());
            kept.tenantId = event.tenantId();
            kept.sessionId = event.sessionId();
            kept.cameraId = event.cameraId();
            kept.capturedAt = snapshot.capturedAt();
            kept.width = snapshot.width();
            kept.height = snapshot.height();
            kept.jpeg = jpeg;
            kept.storedAt = Instant.now();
            return snapshots.keepFirst(kept);
        });
    }

    public Uni<Void> apply(UserEvent event) {
        return switch (event.type()) {
            case UserEvent.REGISTERED, UserEvent.UPDATED ->
                once(
                        event.eventId(),
                        "auth.users.v1",
                        () -> deleted.pseudonyms(event.tenantId(), List.of(event.userId()))
                                .chain(pseudonyms -> {
                                    if (!pseudonyms.isEmpty()) { // re-read after the deletion: the name stays gone
                                        return Uni.createFrom().voidItem();
                                    }
                                    var profile = new UserProfile();
                                    profile.id = UserProfileRepository.id(event.tenantId(), event.userId());
                                    profile.tenantId = event.tenantId();
                                    profile.userId = event.userId();
                                    profile.displayName = event.displayName();
                                    profile.email = event.email();
                                    return users.persistOrUpdate(profile).replaceWithVoid();
                                }));
            case UserEvent.DELETED ->
                once(event.eventId(), "auth.users.v1", () -> erasure.erase(event.tenantId(), event.userId()));
            default -> Uni.createFrom().voidItem();
        };
    }
}
