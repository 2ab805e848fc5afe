package io.classroom.vision.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.vision.GalleryFace;
import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.error.Problems;
import io.classroom.vision.gallery.GalleryIndex;
import io.classroom.vision.gallery.Recognition;
import io.classroom.vision.messaging.FaceSetEvent;
import io.classroom.vision.pipeline.FaceEmbedder;
import io.classroom.vision.repository.GalleryRepository;
import io.classroom.vision.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The face gallery: PostgreSQL is the record, each replica searches an in-memory index per tenant, and every
 * change is published with the user's complete face set on {@code vision.faces.v1} so all replicas converge.
 */
@ApplicationScoped
public class GalleryService {

    private static final int DIMENSION = 128;

    private final GalleryRepository repository;
    private final MutinyEmitter<Record<String, String>> faces;
    private final ObjectMapper json;
    private final Recognition recognition;
    private final VisionConfig.Gallery rules;
    private final Map<String, GalleryIndex> indexes = new ConcurrentHashMap<>();

    public GalleryService(
            GalleryRepository repository,
            @Channel("vision-faces-out") MutinyEmitter<Record<String, String>> faces,
            ObjectMapper json,
            VisionConfig config,
            MeterRegistry metrics) {
        this.repository = repository;
        this.faces = faces;
        this.json = json;
        this.rules = config.gallery();
        this.recognition = new Recognition(
                config.recognition().threshold(), config.recognition().margin());
        metrics.gauge(
                "vision.gallery.faces",
                indexes,
                m -> m.values().stream().mapToInt(GalleryIndex::size).sum());
    }

    /** Loads every stored face of the current model into memory. */
    public Uni<Integer> loadAll() {
        return repository.findAll(FaceEmbedder.MODEL_ID).map(all -> {
            var byUser = new java.util.HashMap<String, Map<UUID, List<float[]>>>();
            for (var face : all) {
                byUser.computeIfAbsent(face.tenantId(), t -> new java.util.HashMap<>())
                        .computeIfAbsent(face.userId(), u -> new java.util.ArrayList<>())
                        .add(face.vector());
            }
            byUser.forEach((tenant, users) ->
                    users.forEach((user, vectors) -> index(tenant).replace(user, vectors)));
            return all.size();
        });
    }

    public GalleryIndex index(String tenantId) {
        return indexes.computeIfAbsent(tenantId, t -> new GalleryIndex(DIMENSION));
    }

    public Recognition recognition() {
        return recognition;
    }

    /** Best open-set identity for a vector, restricted to {@code roster} when not null. */
    public Recognition.Identity identify(String tenantId, float[] vector, Set<UUID> roster) {
        var index = indexes.get(tenantId);
        if (index == null) {
            return null;
        }
        return recognition.decide(index.search(vector, roster));
    }

    public GalleryIndex.Match search(String tenantId, float[] vector, Set<UUID> roster) {
        var index = indexes.get(tenantId);
        return index == null ? GalleryIndex.Match.NONE : index.search(vector, roster);
    }

    /**
     * Whether the caller may see and delete {@code userId}'s faces: staff anyone's, a student their own.
     *
     * @throws ForbiddenException otherwise
     */
    public void checkMayManage(Caller caller, UUID userId) {
        if (!caller.isStaff() && !caller.userId().equals(userId)) {
            throw new ForbiddenException("students may only manage their own faces");
        }
    }

    /**
     * Whether the caller may enrol {@code userId}: staff anyone, a student themself where the school allows it.
     *
     * @throws ForbiddenException otherwise
     */
    public void checkMayEnrol(Caller caller, UUID userId) {
        checkMayManage(caller, userId);
        if (!caller.isStaff()
                && !rules.studentSelfEnrolmentTenants().orElse(List.of()).contains(caller.tenantId())) {
            throw new ForbiddenException("this school does not let students enrol their own face");
        }
    }

    /** Fails with 422 when {@code more} faces would take the user beyond the faces kept per user. */
    public Uni<Void> checkRoomFor(String tenantId, UUID userId, int more) {
        int max = rules.maxFacesPerUser();
        return repository
                .countByUser(tenantId, userId)
                .invoke(existing -> {
                    if (existing + more > max) {
                        throw Problems.unprocessableImage(
                                "user already has %d faces; at most %d are kept".formatted(existing, max));
                    }
                })
                .replaceWithVoid();
    }

    public Uni<List<GalleryFace>> list(String tenantId, UUID userId) {
        return repository.findByUser(tenantId, userId);
    }

    /** Stores new vectors, then publishes the user's complete set. */
    public Uni<List<GalleryFace>> enrol(String tenantId, UUID userId, List<float[]> vectors) {
        return repository
                .insert(tenantId, userId, FaceEmbedder.MODEL_ID, vectors)
                .chain(() -> publishCurrentSet(tenantId, userId, FaceSetEvent.ENROLLED));
    }

    public Uni<Boolean> deleteFace(String tenantId, UUID userId, UUID faceId) {
        return repository
                .deleteFace(tenantId, userId, faceId)
                .call(deleted -> deleted
                        ? publishCurrentSet(tenantId, userId, FaceSetEvent.DELETED)
                        : Uni.createFrom().voidItem());
    }

    /** Erases every face of a user (the UserDeleted cascade and the delete-all endpoint). */
    public Uni<Integer> deleteUser(String tenantId, UUID userId) {
        return repository
                .deleteUser(tenantId, userId)
                .call(deleted -> deleted > 0
                        ? publishCurrentSet(tenantId, userId, FaceSetEvent.DELETED)
                        : Uni.createFrom().voidItem());
    }

    /** Applies a replicated event: the user's set in memory becomes exactly the event's set. */
    public void apply(FaceSetEvent event) {
        var vectors = event.faces().stream()
                .filter(f -> FaceEmbedder.MODEL_ID.equals(f.modelId()) && f.vector().length == DIMENSION)
                .map(FaceSetEvent.Face::vector)
                .toList();
        index(event.tenantId()).replace(event.userId(), vectors);
    }

    private Uni<List<GalleryFace>> publishCurrentSet(String tenantId, UUID userId, String type) {
        return repository.findByUser(tenantId, userId).call(current -> {
            var event = FaceSetEvent.of(type, tenantId, userId, current);
            // Memory first, so this replica answers with the new set even before the topic delivers it back.
            apply(event);
            Log.debugf("gallery: %s for user %s (%d faces)", type, userId, current.size());
            return faces.send(Record.of(userId.toString(), toJson(event)));
        });
    }

    private String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
