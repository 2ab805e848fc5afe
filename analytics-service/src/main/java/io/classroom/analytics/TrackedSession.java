package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A session counted by the session heatmap: a personal tracking session ({@link Kind#PERSONAL}) or a class session
 * ({@link Kind#CLASS}). Id: {@code tenantId/sessionId}.
 */
@MongoEntity(collection = "sessions")
public class TrackedSession {

    /** Where the session comes from. */
    public enum Kind {
        PERSONAL,
        CLASS
    }

    @BsonId
    public String id;

    public String tenantId;
    public String sessionId;
    public Kind kind;
    /** The student of a personal session, the teacher of a class session. */
    public String ownerId;
    /** Everyone the session counts for: the student, or the class roster. */
    public List<String> userIds;

    public String classId;
    public String className;
    public String roomId;
    /** The room's name at the start (null from older events). */
    public String roomName;

    public List<String> cameraIds;
    public Integer attendanceThreshold;
    /** The class schedule's IANA zone as classroom-service sent it (null from older events): reports use it. */
    public String timeZone;

    public String title;
    /** The application of a personal session ({@link App}); class sessions belong to none. */
    public String app;

    public Instant startedAt;
    public Instant plannedEnd;
    public Instant endedAt;
    public Long durationSeconds;
    /** Start rounded down to 15 minutes (epoch millis): every IANA offset is a multiple of it. */
    public Long startQuarter;

    public Long activeSeconds;
    public Long focusSeconds;
    public Long distractionSeconds;
    public Map<String, Long> activities;
}
