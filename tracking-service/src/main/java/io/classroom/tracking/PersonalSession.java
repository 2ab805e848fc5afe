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

/** A student's personal focus-tracking session; pauses and reported activities are small JSON lists. */
@Entity
@Table(
        name = "tracking_personal_session",
        indexes = {
            @Index(name = "ix_personal_owner", columnList = "tenantId,userId"),
            @Index(name = "ix_personal_app_owner", columnList = "tenantId,app,userId")
        })
public class PersonalSession {

    /** What an application identifier looks like (the same rule as page views). */
    public static final String APP_PATTERN = "^[a-z][a-z0-9-]{1,39}$";

    /** The application of a session started without one. */
    public static final String DEFAULT_APP = "classroom-web";

    /** Lifecycle of a personal session. */
    public enum Status {
        ACTIVE,
        PAUSED,
        ENDED
    }

    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String tenantId;

    @Column(nullable = false)
    public UUID userId;

    /** The application the session belongs to ({@link #APP_PATTERN}); every listing filters by it. */
    @Column(nullable = false, length = 40)
    public String app;

    @Column(length = 200)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(nullable = false)
    public Instant startedAt;

    public Instant endedAt;
    /** Time of the latest start/pause/resume/end, so client times never go backwards. */
    public Instant lastTransitionAt;

    @Column(columnDefinition = "text")
    public String pausesJson;

    @Column(columnDefinition = "text")
    public String reportedJson;

    public long activeSeconds;
    public long focusSeconds;
    public long distractionSeconds;

    @Column(columnDefinition = "text")
    public String activitiesJson;

    @Column(length = 16)
    public String activitySource;
}
