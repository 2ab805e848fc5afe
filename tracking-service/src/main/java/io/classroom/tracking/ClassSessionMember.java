package io.classroom.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.UUID;

/**
 * One student on the roster of a class session this service tracked, kept after the live state expires: it tells
 * which teacher may see which student's personal sessions (a student on the roster of a session they taught). A
 * deleted user's rows are deleted.
 */
@Entity
@Table(
        name = "tracking_class_session_member",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uq_member_session_user",
                        columnNames = {"sessionId", "userId"}),
        indexes = {@Index(name = "ix_member_user", columnList = "tenantId,userId")})
public class ClassSessionMember {
    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID sessionId;

    @Column(nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false)
    public UUID userId;
}
