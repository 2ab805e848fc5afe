package io.classroom.classroom.messaging;

import io.classroom.classroom.ClassSession;
import io.classroom.classroom.OutboxEntry;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the outbox entries of session documents, oldest document first and each document's entries in order,
 * pulling each entry once Kafka acknowledged it (at least once: consumers dedupe by eventId). It runs right after a
 * change ({@link #relaySoon()}) and on a timer for whatever an earlier run could not send (broker down, crash between
 * the change and the relay). One run at a time per replica; replicas relaying the same entry at once only send it twice.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 100;

    private final Map<String, MutinyEmitter<String>> emitters;
    private final ClassSessionRepository sessions;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopping;

    public OutboxRelay(
            @Channel("classroom-sessions-out") MutinyEmitter<String> classSessions,
            ClassSessionRepository sessions,
            Vertx vertx,
            MeterRegistry metrics) {
        this.emitters = Map.of(ClassSessionEvent.TOPIC, classSessions);
        this.sessions = sessions;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /** What is left is sent by the next start (or another replica). */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Call after a change that wrote an outbox entry was stored; returns at once. */
    public void relaySoon() {
        if (stopping) {
            return;
        }
        requested.set(true);
        if (!running.compareAndSet(false, true)) {
            return; // the run in progress sees the request and goes round again
        }
        // A context of its own, not the one of the request that made the change.
        var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> drain());
    }

    private void drain() {
        requested.set(false);
        relay().subscribe().with(sent -> finish(), failure -> {
            Log.warnf("Outbox relay failed, the timer retries: %s", failure.toString());
            running.set(false);
        });
    }

    private void finish() {
        running.set(false);
        if (requested.get()) {
            relaySoon();
        }
    }

    /** Skipped until the application (with its channels) has started. */
    @Scheduled(
            every = "${classroom.sessions.outbox-relay-every}",
            delayed = "${classroom.sessions.outbox-relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relaySoon();
    }

    /** Sends batches until no entry is pending or a send fails; the item is the number sent. */
    Uni<Integer> relay() {
        return sessions.withPendingEvents(BATCH).chain(batch -> {
            var pending = batch.stream()
                    .flatMap(session -> session.outbox.stream().map(entry -> new Pending(session, entry)))
                    .toList();
            return send(pending)
                    .chain(sent -> batch.size() == BATCH && sent == pending.size()
                            ? relay().map(more -> sent + more)
                            : Uni.createFrom().item(sent));
        });
    }

    /** Sends in order, pulling each acknowledged entry; stops at the first failure and counts what was sent. */
    private Uni<Integer> send(List<Pending> pending) {
        return Multi.createFrom()
                .iterable(pending)
                .onItem()
                .transformToUniAndConcatenate(p ->
                        send(p.entry()).call(() -> sessions.pullOutboxEntry(p.session().id, p.entry().eventId)))
                .onFailure()
                .invoke(e -> Log.warnf("Outbox: publishing stopped, will retry: %s", e.toString()))
                .onFailure()
                .recoverWithCompletion()
                .collect()
                .with(Collectors.counting())
                .map(Long::intValue);
    }

    private Uni<Void> send(OutboxEntry entry) {
        var emitter = emitters.get(entry.topic);
        if (emitter == null) {
            return Uni.createFrom().failure(new IllegalStateException("no channel for topic " + entry.topic));
        }
        var message = Message.of(entry.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(entry.key)
                        .build())
                // The connector parents its send span on the *current* context of this metadata (not the previous one).
                .addMetadata(TracingMetadata.withCurrent(parent(entry.traceparent)));
        return emitter.sendMessage(message)
                .invoke(() -> metrics.counter("outbox.published", "topic", entry.topic)
                        .increment());
    }

    private record Pending(ClassSession session, OutboxEntry entry) {}

    private static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };
}
