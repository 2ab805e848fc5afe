package io.classroom.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Audit trail of teacher overrides of an attendance status (append-only). */
@Entity
@Table(name = "tracking_attendance_override", indexes = @Index(name = "ix_override_record", columnList = "recordId"))
public class AttendanceOverride {
    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false)
    public UUID recordId;

    @Column(nullable = false)
    public UUID sessionId;

    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public AttendanceStatus previousStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public AttendanceStatus newStatus;

    @Column(nullable = false, length = 500)
    public String reason;

    public UUID actorId;

    @Column(nullable = false)
    public Instant at;
}
