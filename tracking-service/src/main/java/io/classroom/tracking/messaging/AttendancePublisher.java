package io.classroom.tracking.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.AttendanceRecord;
import io.classroom.tracking.repository.AttendanceRecordRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Outbox relay for attendance: records are stored with {@code published = false}; each is sent to
 * {@code tracking.attendance.v1} and marked published only once Kafka acknowledged it. Whatever fails is sent again
 * by the periodic relay, so an attendance event is never silently lost (at-least-once; consumers dedupe by eventId).
 */
@ApplicationScoped
public class AttendancePublisher {

    private final MutinyEmitter<String> emitter;
    private final AttendanceRecordRepository records;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public AttendancePublisher(
            @Channel("attendance-out") MutinyEmitter<String> emitter,
            AttendanceRecordRepository records,
            ObjectMapper json,
            MeterRegistry metrics) {
        this.emitter = emitter;
        this.records = records;
        this.json = json;
        this.metrics = metrics;
    }

    /** Sends the given stored records one after the other and marks each published; fails on the first error. */
    public Uni<Void> publish(List<AttendanceRecord> pending) {
        return Multi.createFrom()
                .iterable(pending)
                .onItem()
                .transformToUniAndConcatenate(this::publishOne)
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> publishOne(AttendanceRecord record) {
        UUID id = record.id;
        Uni<Void> send = record.userId == null
                // anonymised before it could be sent: nothing personal left to publish
                ? Uni.createFrom().voidItem()
                : emitter.sendMessage(Message.of(toJson(AttendanceEvent.finalized(record, Instant.now())))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(record.sessionId.toString())
                                .build()));
        return send.chain(() -> Panache.withTransaction(() -> records.update("published = true where id = ?1", id)))
                .invoke(() -> metrics.counter("tracking.attendance.published").increment())
                .replaceWithVoid();
    }

    /** Re-sends whatever an earlier attempt could not (Kafka down, crash between commit and send). */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return Panache.withSession(() -> records.listUnpublished(200))
                .chain(pending -> pending.isEmpty() ? Uni.createFrom().voidItem() : publish(pending))
                .onFailure()
                .invoke(e -> Log.warnf("Attendance outbox relay failed, will retry: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    private String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
