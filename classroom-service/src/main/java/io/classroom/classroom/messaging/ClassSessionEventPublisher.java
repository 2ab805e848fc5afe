package io.classroom.classroom.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.classroom.ClassSession;
import io.classroom.classroom.config.ClassroomConfig;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes session events keyed by class id and waits for Kafka's acknowledgement before setting the session's
 * outbox flag; an event that was not acknowledged stays flagged unsent and {@code SessionJobs} sends it again with
 * the same event id.
 */
@ApplicationScoped
public class ClassSessionEventPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final ClassSessionRepository sessions;
    private final ClassroomConfig config;

    public ClassSessionEventPublisher(
            @Channel("class-sessions") MutinyEmitter<String> emitter,
            ObjectMapper mapper,
            ClassSessionRepository sessions,
            ClassroomConfig config) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.sessions = sessions;
        this.config = config;
    }

    /** Sends whatever events of the session are unsent, start before end; the item tells whether all went out. */
    public Uni<Boolean> publishPending(ClassSession session) {
        Uni<Void> start = session.startEventSent
                ? Uni.createFrom().voidItem()
                : send(session.classId, ClassSessionStarted.of(session))
                        .call(() -> sessions.markStartSent(session.id))
                        .invoke(() -> session.startEventSent = true);
        return start.chain(() -> Boolean.FALSE.equals(session.endEventSent)
                        ? send(session.classId, ClassSessionEnded.of(session))
                                .call(() -> sessions.markEndSent(session.id))
                                .invoke(() -> session.endEventSent = true)
                        : Uni.createFrom().voidItem())
                .replaceWith(true)
                .onFailure()
                .recoverWithItem(failure -> {
                    Log.warnf(
                            "Session %s: event not acknowledged by Kafka (%s); it stays in the outbox for a retry",
                            session.id, failure.toString());
                    return false;
                });
    }

    private Uni<Void> send(String key, Object event) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        var metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
        return emitter.sendMessage(Message.of(json).addMetadata(metadata))
                .ifNoItem()
                .after(config.sessions().sendTimeout())
                .fail();
    }
}
