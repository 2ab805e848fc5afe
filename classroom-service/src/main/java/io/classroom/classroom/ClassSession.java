package io.classroom.classroom;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One activation of a class: roster and cameras are snapshotted at the start. Its start and end events wait in
 * {@link #outbox}, written by the insert and the update that start and end it.
 */
@MongoEntity(collection = "sessions")
public class ClassSession {

    @BsonId
    public String id;

    public String tenantId;
    public String classId;
    public String className;
    public String teacherId;
    public String roomId;
    /** The room's name when the session started (null without a room, or in sessions stored before it was kept). */
    public String roomName;

    public List<String> cameraIds = new ArrayList<>();
    public List<String> roster = new ArrayList<>();
    public SessionState state;
    public Instant startedAt;
    /** The occurrence's scheduled start for a session the scheduler started; null for one started by hand. */
    public Instant scheduledStart;
    /** Null in sessions stored before the scheduler existed: those were all started by hand. */
    public SessionTrigger trigger;
    /** The class schedule's IANA zone, so reports show the session in local time. */
    public String timeZone;

    public Instant plannedEnd;
    public Instant endedAt;
    public EndReason endReason;
    public int attendanceThreshold;
    public long lateGraceSeconds;

    /** Events of this session not yet acknowledged by Kafka, oldest first. */
    public List<OutboxEntry> outbox = new ArrayList<>();

    public SessionTrigger startedBy() {
        return trigger == null ? SessionTrigger.MANUAL : trigger;
    }
}
