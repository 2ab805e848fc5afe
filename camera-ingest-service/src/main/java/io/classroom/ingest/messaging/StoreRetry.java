package io.classroom.ingest.messaging;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a message's blocking effect on a worker thread, retrying with back-off for as long as a store (PostgreSQL,
 * Redis) fails: the message is acknowledged only once stored, so its offset stays uncommitted and the partition waits
 * instead of losing the message or dead-lettering it. The work must be idempotent. A failure caused by the message's
 * content (an {@link IllegalArgumentException} that validation missed, say) fails at once, for the dead-letter topic,
 * rather than blocking its partition forever. At shutdown a failing message stays unacknowledged and is read again.
 */
@ApplicationScoped
public class StoreRetry {

    private final Duration initialBackOff;
    private final Duration maxBackOff;
    private final Executor worker;
    private volatile boolean stopping;

    @Inject
    public StoreRetry() {
        this(Duration.ofMillis(200), Duration.ofSeconds(10), Infrastructure.getDefaultWorkerPool());
    }

    StoreRetry(Duration initialBackOff, Duration maxBackOff, Executor worker) {
        this.initialBackOff = initialBackOff;
        this.maxBackOff = maxBackOff;
        this.worker = worker;
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public Uni<Void> untilStored(String topic, Runnable work) {
        var failures = new AtomicInteger();
        return Uni.createFrom()
                .<Void>item(() -> {
                    work.run();
                    return null;
                })
                .runSubscriptionOn(worker)
                .onFailure(StoreRetry::retryable)
                .invoke(e -> Log.warnf(
                        "storing a message of %s failed (attempt %d), retrying: %s",
                        topic, failures.incrementAndGet(), e.toString()))
                .onFailure(e -> retryable(e) && !stopping)
                .retry()
                .withBackOff(initialBackOff, maxBackOff)
                .indefinitely()
                .onFailure(StoreRetry::retryable)
                .recoverWithUni(e -> {
                    Log.infof("shutting down: a message of %s stays unacknowledged and is read again", topic);
                    return Uni.createFrom().nothing();
                });
    }

    private static boolean retryable(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return !(cause instanceof IllegalArgumentException
                || cause instanceof NullPointerException
                || cause instanceof ClassCastException
                || cause instanceof IndexOutOfBoundsException
                || cause instanceof DateTimeException);
    }
}
