package io.classroom.classroom;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One activation of a class: roster and cameras are snapshotted at the start. The event ids are fixed when the
 * session is stored so a retried publication carries the same id and consumers dedupe it (outbox flags below).
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
    public List<String> cameraIds = new ArrayList<>();
    public List<String> roster = new ArrayList<>();
    public SessionState state;
    public Instant startedAt;
    public Instant plannedEnd;
    public Instant endedAt;
    public EndReason endReason;
    public int attendanceThreshold;
    public long lateGraceSeconds;

    public String startEventId;
    public boolean startEventSent;
    public String endEventId;
    /** Null while the session runs; false until ClassSessionEnded is acknowledged by Kafka. */
    public Boolean endEventSent;
}
