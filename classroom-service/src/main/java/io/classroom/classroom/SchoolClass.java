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

    public Instant createdAt;
    public Instant updatedAt;

    public boolean isTaughtBy(String userId) {
        return userId.equals(teacherId);
    }

    public boolean hasStudent(String userId) {
        return students != null && students.stream().anyMatch(e -> userId.equals(e.userId));
    }
}
