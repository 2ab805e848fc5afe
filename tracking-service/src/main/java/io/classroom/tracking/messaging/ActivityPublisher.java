package io.classroom.tracking.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.PersonalSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Personal-session events on {@code tracking.activity.v1} (key userId). The send is awaited; a failure is logged
 * and counted ({@code tracking.activity.send.failed}) without undoing the stored change.
 */
@ApplicationScoped
public class ActivityPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public ActivityPublisher(
            @Channel("activity-out") MutinyEmitter<String> emitter, ObjectMapper json, MeterRegistry metrics) {
        this.emitter = emitter;
        this.json = json;
        this.metrics = metrics;
    }

    /** The event of a lifecycle step ("Started", "Paused", "Resumed", "Ended") as its schema describes it. */
    public Map<String, Object> event(String step, PersonalSession session, Instant at, Map<String, Long> activities) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "PersonalSession" + step);
        event.put("occurredAt", Instant.now().toString());
        event.put("tenantId", session.tenantId);
        event.put("sessionId", session.id.toString());
        event.put("userId", session.userId.toString());
        event.put("at", at.toString());
        if ("Started".equals(step)) {
            event.put("title", session.title);
        }
        if ("Ended".equals(step)) {
            event.put("startedAt", session.startedAt.toString());
            event.put("activeSeconds", session.activeSeconds);
            event.put("focusSeconds", session.focusSeconds);
            event.put("distractionSeconds", session.distractionSeconds);
            event.put("activities", activities);
            event.put("activitySource", session.activitySource);
        }
        return event;
    }

    public Uni<Void> publish(String userId, Map<String, Object> event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return emitter.sendMessage(Message.of(payload)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(userId)
                                .build()))
                .onFailure()
                .invoke(e -> {
                    metrics.counter("tracking.activity.send.failed").increment();
                    Log.errorf("Could not publish %s: %s", event.get("type"), e.getMessage());
                })
                .onFailure()
                .recoverWithNull();
    }
}
