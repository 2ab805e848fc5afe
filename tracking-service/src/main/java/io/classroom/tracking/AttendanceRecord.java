package io.classroom.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/**
 * The final attendance of one roster member in one class session; its AttendanceFinalized event goes through the
 * outbox. A deleted user's rows keep their numbers for class statistics but lose the user id (anonymised).
 */
@Entity
@Table(
        name = "tracking_attendance_record",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uq_attendance_session_user",
                        columnNames = {"sessionId", "userId"}),
        indexes = {
            @Index(name = "ix_attendance_user", columnList = "tenantId,userId"),
            @Index(name = "ix_attendance_class", columnList = "tenantId,classId")
        })
public class AttendanceRecord {
    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false)
    public UUID sessionId;

    @Column(nullable = false)
    public String classId;

    public UUID userId;
    public long presentSeconds;
    public long engagedSeconds;
    public double engagementPct;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public AttendanceStatus status;

    /** Status computed by the rules, kept when a teacher overrides {@code status}. */
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public AttendanceStatus computedStatus;

    public boolean late;
    public boolean leftEarly;
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public Instant sessionStartedAt;
    /** The scheduled start lateness was measured from; null for a session started by hand. */
    public Instant sessionScheduledStart;

    public Instant sessionEndedAt;
    public String overrideReason;
    /** The student's own webcam frames in the session, and those that showed other faces too (never counted). */
    public long webcamFrames;

    public long framesWithOthers;
}
