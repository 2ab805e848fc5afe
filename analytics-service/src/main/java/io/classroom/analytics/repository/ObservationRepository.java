package io.classroom.analytics.repository;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.classroom.analytics.CameraCell;
import io.classroom.analytics.Observation;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** Raw observations (TTL) and the aggregates maintained from them on ingest. */
@ApplicationScoped
public class ObservationRepository implements ReactivePanacheMongoRepositoryBase<Observation, String> {

    /** The source id of a user's webcam is this prefix and the user id (camera-ingest names it so). */
    public static final String WEBCAM = "webcam:";

    private static final long MINUTE_MILLIS = 60_000L;

    private final EngagementMinuteRepository minutes;
    private final CameraCellRepository cells;

    public ObservationRepository(EngagementMinuteRepository minutes, CameraCellRepository cells) {
        this.minutes = minutes;
        this.cells = cells;
    }

    /**
     * Stores the frame and adds its faces to the session-minute and camera-cell aggregates. The frame's unique id is the
     * claim: a frame already stored is skipped, and a frame whose aggregates fail is removed again so that a redelivery
     * counts it exactly once.
     */
    public Uni<Boolean> ingest(Observation frame, int columns, int rows) {
        return persist(frame)
                .replaceWith(true)
                .onFailure(MongoErrors::isDuplicateKey)
                .recoverWithItem(false)
                .call(stored -> {
                    if (!stored) {
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.combine()
                            .all()
                            .unis(addToMinute(frame), addToCells(frame, columns, rows))
                            .discardItems()
                            .onFailure()
                            .call(() -> deleteById(frame.id));
                });
    }

    private Uni<Void> addToMinute(Observation frame) {
        if (frame.sessionId == null) {
            return Uni.createFrom().voidItem();
        }
        long epochMillis = frame.capturedAt.toEpochMilli();
        long minute = epochMillis - Math.floorMod(epochMillis, MINUTE_MILLIS);
        long attentive = frame.faces.stream().filter(f -> f.attentive).count();
        long identified = frame.faces.stream().filter(f -> f.userId != null).count();
        var update = new Document(
                        "$setOnInsert",
                        new Document("tenantId", frame.tenantId)
                                .append("sessionId", frame.sessionId)
                                .append("minute", new Date(minute)))
                .append(
                        "$inc",
                        new Document("frames", 1L)
                                .append("faces", (long) frame.faces.size())
                                .append("attentive", attentive)
                                .append("identified", identified)
                                .append("unknown", (long) frame.unknownFaces))
                .append("$max", new Document("maxUnknown", (long) frame.unknownFaces));
        String id = frame.tenantId + "/" + frame.sessionId + "/" + minute / MINUTE_MILLIS;
        return minutes.mongoCollection()
                .updateOne(eq("_id", id), update, new UpdateOptions().upsert(true))
                .replaceWithVoid();
    }

    private Uni<Void> addToCells(Observation frame, int columns, int rows) {
        if (frame.faces.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Faces of one frame falling in the same cell become one $inc.
        Map<Integer, long[]> byCell = new TreeMap<>();
        for (Observation.Face face : frame.faces) {
            int column = cellIndex(face.x + face.width / 2, columns);
            int row = cellIndex(face.y + face.height / 2, rows);
            long[] counts = byCell.computeIfAbsent(row * columns + column, k -> new long[2]);
            counts[0]++;
            counts[1] += face.attentive ? 1 : 0;
        }
        String session = frame.sessionId == null ? "-" : frame.sessionId;
        List<WriteModel<CameraCell>> writes = new ArrayList<>();
        byCell.forEach((cell, counts) -> {
            int column = cell % columns;
            int row = cell / columns;
            String id = CameraCellRepository.id(frame.tenantId, frame.sourceId, session, column, row);
            var update = new Document(
                            "$setOnInsert",
                            new Document("tenantId", frame.tenantId)
                                    .append("cameraId", frame.sourceId)
                                    .append("sessionId", session)
                                    .append("column", column)
                                    .append("row", row))
                    .append("$inc", new Document("faces", counts[0]).append("attentive", counts[1]));
            writes.add(new UpdateOneModel<>(eq("_id", id), update, new UpdateOptions().upsert(true)));
        });
        return cells.mongoCollection().bulkWrite(writes).replaceWithVoid();
    }

    /** Index of the cell holding a normalised coordinate; out-of-frame values are clamped to the border cells. */
    static int cellIndex(double position, int cells) {
        int index = (int) Math.floor(position * cells);
        return Math.max(0, Math.min(cells - 1, index));
    }

    /** The frames of a session in capture order; raw frames expire after the retention, so old sessions have none. */
    public Uni<List<Observation>> bySession(String tenantId, String sessionId) {
        return find("tenantId = ?1 and sessionId = ?2", Sort.ascending("capturedAt"), tenantId, sessionId)
                .list();
    }

    /**
     * Replaces a deleted user in the raw frames that still exist: the frames of their webcam (whose ids and source
     * name them: {@code webcam:<userId>}) are stored again under the pseudonym, which a redelivered frame gets too,
     * so de-duplication still holds; faces recognised as them elsewhere carry the pseudonym.
     */
    public Uni<Void> pseudonymise(String tenantId, String userId, String pseudonym) {
        return find("tenantId = ?1 and sourceId = ?2", tenantId, WEBCAM + userId)
                .list()
                .onItem()
                .transformToMulti(frames -> Multi.createFrom().iterable(frames))
                .onItem()
                .transformToUniAndConcatenate(frame -> {
                    String stored = frame.id;
                    frame.id = frame.id.replace(userId, pseudonym);
                    frame.frameId = frame.frameId.replace(userId, pseudonym);
                    frame.sourceId = WEBCAM + pseudonym;
                    replaceFaces(frame, userId, pseudonym);
                    return persistOrUpdate(frame).chain(() -> deleteById(stored));
                })
                .collect()
                .last()
                .chain(() -> find("tenantId = ?1 and faces.userId = ?2", tenantId, userId)
                        .list()
                        .onItem()
                        .transformToMulti(frames -> Multi.createFrom().iterable(frames))
                        .onItem()
                        .transformToUniAndConcatenate(frame -> {
                            replaceFaces(frame, userId, pseudonym);
                            return update(frame);
                        })
                        .collect()
                        .last())
                .replaceWithVoid();
    }

    private static void replaceFaces(Observation frame, String userId, String pseudonym) {
        frame.faces.stream().filter(f -> userId.equals(f.userId)).forEach(f -> f.userId = pseudonym);
    }
}
