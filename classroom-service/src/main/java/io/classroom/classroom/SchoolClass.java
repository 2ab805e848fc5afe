package io.classroom.classroom;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/** A class taught by one teacher in one tenant, with its enrolled students. */
@MongoEntity(collection = "classes")
public class SchoolClass {

    @BsonId
    public String id;

    public String tenantId;
    public String title;
    public String description;
    /** Unique per tenant (unique index on tenantId + joinCode). */
    public String joinCode;

    public Schedule schedule;
    public String defaultRoomId;
    public int attendanceThreshold;
    public int lateGraceMinutes;
    public boolean archived;
    public String teacherId;
    public List<Enrolment> students = new ArrayList<>();
    /** Set while a session runs: the conditional update on it keeps one active session per class. */
    public String activeSessionId;
    /** When activeSessionId was set: a pointer to a session not stored yet is an activation in progress. */
    public Instant activeSessionClaimedAt;
    /**
     * Start of the earliest occurrence of the schedule the scheduler is not done with (indexed: the scheduler's query);
     * absent without schedule days and once archived.
     */
    public Instant nextOccurrenceAt;
    /** The latest occurrence the scheduler started: the lock that starts each occurrence once. */
    public OccurrenceClaim occurrenceClaim;

    public Instant createdAt;
    public Instant updatedAt;

    public boolean isTaughtBy(String userId) {
        return userId.equals(teacherId);
    }

    public boolean hasStudent(String userId) {
        return students != null && students.stream().anyMatch(e -> userId.equals(e.userId));
    }
}
