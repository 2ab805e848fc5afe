package io.classroom.auth.messaging;

import io.classroom.auth.OutboxEntry;
import io.classroom.auth.config.AuthConfig;
import io.classroom.auth.repository.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the outbox in the order it was written, deleting each entry once Kafka acknowledged it (at least once:
 * consumers dedupe by eventId). It runs right after a commit ({@link #relaySoon()}) and on a timer for whatever an
 * earlier run could not send (broker down, crash between commit and relay). One replica relays at a time.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 100;

    private final MutinyEmitter<String> users;
    private final OutboxRepository entries;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopping;
    private final long compactionNudgeMillis;

    public OutboxRelay(
            @Channel("auth-users-out") MutinyEmitter<String> users,
            OutboxRepository entries,
            Vertx vertx,
            MeterRegistry metrics,
            AuthConfig config) {
        this.users = users;
        this.entries = entries;
        this.vertx = vertx;
        this.metrics = metrics;
        this.compactionNudgeMillis = config.erasureCompactionNudge().toMillis();
    }

    /** What is left is sent by the next start (or another replica). */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Call after a transaction that wrote to the outbox committed; returns at once. */
    public void relaySoon() {
        if (stopping) {
            return;
        }
        requested.set(true);
        if (!running.compareAndSet(false, true)) {
            return; // the run in progress sees the request and goes round again
        }
        // A context of its own: the caller's may hold a database session this run must not share.
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

    @Scheduled(
            every = "${auth.outbox-relay-every}",
            delayed = "${auth.outbox-relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relaySoon();
    }

    /** Sends batches until the outbox is empty or a send fails; the item is the number sent. */
    Uni<Integer> relay() {
        return relayBatch()
                .chain(sent -> sent == BATCH
                        ? relay().map(more -> sent + more)
                        : Uni.createFrom().item(sent));
    }

    private Uni<Integer> relayBatch() {
        return Panache.withTransaction(() -> entries.lockForRelay()
                .chain(locked ->
                        locked ? entries.oldest(BATCH) : Uni.createFrom().item(List.<OutboxEntry>of()))
                .chain(batch -> Multi.createFrom()
                        .iterable(batch)
                        .onItem()
                        .transformToUniAndConcatenate(entry -> send(entry).call(() -> entries.delete(entry)))
                        // Stop at the first failure but keep what was sent: the transaction commits its deletions.
                        .onFailure()
                        .invoke(e -> Log.warnf("Outbox: publishing stopped, will retry: %s", e.toString()))
                        .onFailure()
                        .recoverWithCompletion()
                        .collect()
                        .with(Collectors.counting())
                        .map(Long::intValue)));
    }

    private Uni<Void> send(OutboxEntry entry) {
        if (!UserEvent.TOPIC.equals(entry.topic)) {
            return Uni.createFrom().failure(new IllegalStateException("no channel for topic " + entry.topic));
        }
        var message = Message.of(entry.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(entry.key)
                        .build())
                .addMetadata(TracingMetadata.withCurrent(parent(entry.traceparent)));
        return users.sendMessage(message)
                .invoke(() -> metrics.counter("outbox.published", "topic", entry.topic)
                        .increment())
                .invoke(() -> nudgeCompaction(entry));
    }

    /**
     * Sends a UserDeleted a second time (same event id: consumers dedupe it) once the first one's segment may roll,
     * so the user's earlier records on the compacted topic are compacted away within seconds instead of waiting for
     * the partition's next event. Best effort: a restart meanwhile only delays the compaction.
     */
    private void nudgeCompaction(OutboxEntry entry) {
        if (!UserEvent.DELETED.equals(entry.type)) {
            return;
        }
        vertx.setTimer(
                compactionNudgeMillis,
                timer -> users.sendMessage(Message.of(entry.payload)
                                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                        .withKey(entry.key)
                                        .build()))
                        .subscribe()
                        .with(ok -> {}, e -> Log.debugf("Compaction nudge for %s not sent: %s", entry.key, e)));
    }

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
