package io.classroom.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Durable summary of a class session (who teaches it, when it ran), for reports after the live state expires. */
@Entity
@Table(
        name = "tracking_class_session",
        indexes = {@Index(name = "ix_class_session_class", columnList = "tenantId,classId")})
public class ClassSession {
    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false)
    public String classId;

    public String className;
    public UUID teacherId;

    @Column(nullable = false)
    public Instant startedAt;

    /** The scheduled start (null when started by hand) and what started it: SCHEDULE or MANUAL (null: not said). */
    public Instant scheduledStart;

    @Column(length = 32)
    public String startTrigger;

    public Instant plannedEnd;
    public Instant endedAt;
    public double thresholdPct;
    public long lateGraceSeconds;
    public int rosterSize;
}
