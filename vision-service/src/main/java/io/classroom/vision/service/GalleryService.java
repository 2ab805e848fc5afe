package io.classroom.vision.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.vision.GalleryFace;
import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.error.Problems;
import io.classroom.vision.gallery.GalleryIndex;
import io.classroom.vision.gallery.OwnerVerification;
import io.classroom.vision.gallery.Recognition;
import io.classroom.vision.messaging.FaceSetEvent;
import io.classroom.vision.pipeline.FaceEmbedder;
import io.classroom.vision.repository.GalleryRepository;
import io.classroom.vision.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The face gallery: PostgreSQL is the record, each replica searches an in-memory index per tenant, and every
 * change is published with the user's complete face set on {@code vision.faces.v1} so all replicas converge.
 */
@ApplicationScoped
public class GalleryService {

    /** The Kafka header naming the tenant of a tombstone on {@code vision.faces.v1} (whose value is null). */
    public static final String TENANT_HEADER = "tenantId";

    /** The key of the empty records that only make the broker roll a partition's segment; see {@link #rollLater}. */
    public static final String SEGMENT_ROLL_KEY = "segment-roll";

    private static final int DIMENSION = 128;

    private final GalleryRepository repository;
    private final MutinyEmitter<Record<String, String>> faces;
    private final ObjectMapper json;
    private final Recognition recognition;
    private final OwnerVerification ownerVerification;
    private final VisionConfig.Gallery rules;
    private final GalleryAccess access;
    private final Map<String, GalleryIndex> indexes = new ConcurrentHashMap<>();

    public GalleryService(
            GalleryRepository repository,
            @Channel("vision-faces-out") MutinyEmitter<Record<String, String>> faces,
            ObjectMapper json,
            VisionConfig config,
            GalleryAccess access,
            MeterRegistry metrics) {
        this.repository = repository;
        this.access = access;
        this.faces = faces;
        this.json = json;
        this.rules = config.gallery();
        this.recognition = new Recognition(
                config.recognition().threshold(), config.recognition().margin());
        this.ownerVerification = new OwnerVerification(config.recognition().ownerThreshold());
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

    /**
     * 1:1 verification of a webcam frame's face against its owner's own enrolled faces (no other user is a candidate):
     * the owner as identity when it verifies, null otherwise or when the owner has no enrolment.
     */
    public Recognition.Identity verifyOwner(String tenantId, UUID ownerId, float[] vector) {
        var index = indexes.get(tenantId);
        return ownerVerification.decide(
                ownerId, index == null ? OptionalDouble.empty() : index.bestOf(ownerId, vector));
    }

    public GalleryIndex.Match search(String tenantId, float[] vector, Set<UUID> roster) {
        var index = indexes.get(tenantId);
        return index == null ? GalleryIndex.Match.NONE : index.search(vector, roster);
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

    /** The user's faces, for a caller who may see them ({@link GalleryAccess}); 404 when none is enrolled. */
    public Uni<List<GalleryFace>> list(Caller caller, UUID userId) {
        return access.check(caller, userId)
                .chain(() -> repository.findByUser(caller.tenantId(), userId))
                .invoke(found -> {
                    if (found.isEmpty()) {
                        throw Problems.notFound("no face enrolled for user " + userId);
                    }
                });
    }

    /**
     * Deletes one face, for a caller who may manage the user's faces; 404 when the user has no such face. The current
     * set is published even then, so a retry after a failed publication still brings the topic and replicas up to date.
     */
    public Uni<Void> deleteFace(Caller caller, UUID userId, UUID faceId) {
        return access.check(caller, userId)
                .chain(() -> repository.deleteFace(caller.tenantId(), userId, faceId))
                .call(() -> publishCurrentSet(caller.tenantId(), userId, FaceSetEvent.DELETED))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw Problems.notFound("no face " + faceId + " for user " + userId);
                    }
                })
                .replaceWithVoid();
    }

    /** Deletes all faces of a user, for a caller who may manage them; 404 when none is enrolled. */
    public Uni<Void> deleteAll(Caller caller, UUID userId) {
        return access.check(caller, userId)
                .chain(() -> erase(caller.tenantId(), userId))
                .invoke(deleted -> {
                    if (deleted == 0) {
                        throw Problems.notFound("no face enrolled for user " + userId);
                    }
                })
                .replaceWithVoid();
    }

    /** Stores new vectors, then publishes the user's complete set. */
    public Uni<List<GalleryFace>> enrol(String tenantId, UUID userId, List<float[]> vectors) {
        return repository
                .insert(tenantId, userId, FaceEmbedder.MODEL_ID, vectors)
                .chain(() -> publishCurrentSet(tenantId, userId, FaceSetEvent.ENROLLED));
    }

    /**
     * Erases every face of a user (the UserDeleted cascade and the delete-all endpoint) and publishes the tombstone even
     * when nothing was left to delete: a retry after a failed publication still erases the vectors from the topic.
     * Idempotent; returns how many faces were deleted now.
     */
    public Uni<Integer> erase(String tenantId, UUID userId) {
        return repository
                .deleteUser(tenantId, userId)
                .call(() -> publishCurrentSet(tenantId, userId, FaceSetEvent.DELETED));
    }

    /** Applies a replicated event: the user's set in memory becomes exactly the event's set. */
    public void apply(FaceSetEvent event) {
        var vectors = event.faces().stream()
                .filter(f -> FaceEmbedder.MODEL_ID.equals(f.modelId()) && f.vector().length == DIMENSION)
                .map(FaceSetEvent.Face::vector)
                .toList();
        index(event.tenantId()).replace(event.userId(), vectors);
    }

    /**
     * Applies a tombstone (the user has no faces left in {@code tenantId}). The topic's key is the user id alone and an
     * admin may enrol any id in their own tenant, so the tenant comes from the tombstone's {@link #TENANT_HEADER}: a
     * tombstone of one tenant never removes another tenant's faces. Without the header (not one this service wrote)
     * the user leaves every tenant's memory, erring towards not recognising.
     */
    public void forget(String tenantId, UUID userId) {
        if (tenantId == null) {
            indexes.values().forEach(index -> index.replace(userId, List.of()));
        } else {
            index(tenantId).replace(userId, List.of());
        }
    }

    /**
     * Publishes the user's complete set after a change. A user left without faces gets a tombstone (key, null value)
     * instead of an empty set: compaction then removes every earlier record of the user, vectors included, from the
     * brokers, and the tombstone itself goes after {@code delete.retention.ms}.
     */
    private Uni<List<GalleryFace>> publishCurrentSet(String tenantId, UUID userId, String type) {
        return repository.findByUser(tenantId, userId).call(current -> {
            // Memory first, so this replica answers with the new set even before the topic delivers it back.
            if (current.isEmpty()) {
                forget(tenantId, userId);
                Log.debugf("gallery: user %s has no faces left, tombstone", userId);
                return sendTombstone(tenantId, userId);
            }
            var event = FaceSetEvent.of(type, tenantId, userId, current);
            apply(event);
            Log.debugf("gallery: %s for user %s (%d faces)", type, userId, current.size());
            return faces.send(Record.of(userId.toString(), toJson(event)));
        });
    }

    private Uni<Void> sendTombstone(String tenantId, UUID userId) {
        var sent = new OutgoingMessageMetadata<RecordMetadata>();
        var headers = new RecordHeaders().add(TENANT_HEADER, tenantId.getBytes(StandardCharsets.UTF_8));
        return faces.sendMessage(Message.of(Record.<String, String>of(userId.toString(), null))
                        .addMetadata(OutgoingKafkaRecordMetadata.builder()
                                .withHeaders(headers)
                                .build())
                        .addMetadata(sent))
                .invoke(() -> rollLater(sent.getResult()));
    }

    /**
     * Compaction never touches a partition's active segment, and the broker rolls that segment only when a record
     * arrives after {@code segment.ms} / {@code max.compaction.lag.ms}: on a quiet partition a tombstone and the
     * vectors it erases could wait there indefinitely. One empty record ({@link #SEGMENT_ROLL_KEY}, null value, which
     * readers ignore and compaction removes) to the tombstone's partition, later, lets the segment roll and the cleaner
     * erase them. Lost if this replica stops meanwhile: then the partition's next record does it.
     */
    private void rollLater(RecordMetadata tombstone) {
        if (tombstone == null) {
            return;
        }
        Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(rules.segmentRollAfter())
                .chain(() -> faces.sendMessage(Message.of(Record.<String, String>of(SEGMENT_ROLL_KEY, null))
                        .addMetadata(OutgoingKafkaRecordMetadata.builder()
                                .withPartition(tombstone.partition())
                                .build())))
                .subscribe()
                .with(
                        done -> Log.debugf("gallery: segment roll sent to partition %d", tombstone.partition()),
                        failure -> Log.warnf(
                                "gallery: segment roll of partition %d not sent: %s",
                                tombstone.partition(), failure.toString()));
    }

    private String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
