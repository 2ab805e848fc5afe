package io.classroom.analytics.messaging;

import io.classroom.analytics.service.IngestService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The six consumed topics. Each event arrives read and validated (its record's {@code Deserializer}; an invalid one
 * goes to the topic's dead-letter topic without reaching this class) and is acknowledged once its effect is stored; a
 * store failure is retried until the store is back ({@link StoreRetry}).
 */
@ApplicationScoped
public class EventConsumers {

    private final IngestService ingest;
    private final StoreRetry retry;

    public EventConsumers(IngestService ingest, StoreRetry retry) {
        this.ingest = ingest;
        this.retry = retry;
    }

    @Incoming("classroom-sessions-in")
    public Uni<Void> classSessions(ClassSessionEvent event) {
        return retry.untilStored("classroom.sessions.v1", () -> ingest.apply(event));
    }

    @Incoming("tracking-activity-in")
    public Uni<Void> activity(ActivityEvent event) {
        return retry.untilStored("tracking.activity.v1", () -> ingest.apply(event));
    }

    @Incoming("tracking-attendance-in")
    public Uni<Void> attendance(AttendanceEvent event) {
        return retry.untilStored("tracking.attendance.v1", () -> ingest.apply(event));
    }

    @Incoming("vision-observations-in")
    public Uni<Void> observations(FrameAnalyzed event) {
        return retry.untilStored("vision.observations.v1", () -> ingest.apply(event));
    }

    @Incoming("auth-users-in")
    public Uni<Void> users(UserEvent event) {
        return retry.untilStored("auth.users.v1", () -> ingest.apply(event));
    }

    @Incoming("ingest-cameras-in")
    public Uni<Void> cameras(CameraSessionEvent event) {
        return retry.untilStored("ingest.cameras.v1", () -> ingest.apply(event));
    }
}
