package io.classroom.analytics.messaging;

import io.classroom.analytics.messaging.Events.ActivityEvent;
import io.classroom.analytics.messaging.Events.AttendanceEvent;
import io.classroom.analytics.messaging.Events.ClassSessionEvent;
import io.classroom.analytics.messaging.Events.FrameAnalyzed;
import io.classroom.analytics.messaging.Events.UserEvent;
import io.classroom.analytics.service.IngestService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The five consumed topics. Each message is acknowledged once its effect is stored; one that cannot be parsed or
 * applied goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class EventConsumers {

    private final IngestService ingest;

    public EventConsumers(IngestService ingest) {
        this.ingest = ingest;
    }

    @Incoming("class-sessions")
    public Uni<Void> classSessions(String json) {
        return ingest.apply(EventParser.parse(json, ClassSessionEvent.class));
    }

    @Incoming("activity")
    public Uni<Void> activity(String json) {
        return ingest.apply(EventParser.parse(json, ActivityEvent.class));
    }

    @Incoming("attendance")
    public Uni<Void> attendance(String json) {
        return ingest.apply(EventParser.parse(json, AttendanceEvent.class));
    }

    @Incoming("observations")
    public Uni<Void> observations(String json) {
        return ingest.apply(EventParser.parse(json, FrameAnalyzed.class));
    }

    @Incoming("users")
    public Uni<Void> users(String json) {
        return ingest.apply(EventParser.parse(json, UserEvent.class));
    }
}
