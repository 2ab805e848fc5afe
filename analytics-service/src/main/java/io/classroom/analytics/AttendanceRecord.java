package io.classroom.analytics;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.types.ObjectId;

/** Attendance of one student in one class session, as last reported by tracking-service. */
@MongoEntity(collection = "attendance")
public class AttendanceRecord {
    public ObjectId id;
    public String tenantId;
    public String sessionId;
    public String classId;
    public String userId;
    public String status;
    public long presentSeconds;
    public long engagedSeconds;
    public double engagementPct;
    public boolean late;
    public boolean leftEarly;
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public Instant sessionStartedAt;
    public Instant sessionEndedAt;
    public boolean finalized;
    public Instant updatedAt;
}
