package io.classroom.vision.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Repeats the work behind a consumed message, with back-off, for as long as a store (PostgreSQL) or the broker
 * fails: the message stays unacknowledged meanwhile, so it is neither lost nor dead-lettered for an outage
 * (CONTRIBUTING.md, "Messaging"). The work must be idempotent. A failure caused by the content (a data error, a
 * record Kafka refuses for good) fails at once, for the dead-letter topic, rather than blocking forever.
 */
@ApplicationScoped
public class StoreRetry {

    private final Duration initialBackOff;
    private final Duration maxBackOff;
    private volatile boolean stopping;

    @Inject
    public StoreRetry() {
        this(Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    StoreRetry(Duration initialBackOff, Duration maxBackOff) {
        this.initialBackOff = initialBackOff;
        this.maxBackOff = maxBackOff;
    }

    /** From now on a failed message is left unacknowledged for the next start instead of retried. */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public <T> Uni<T> untilDone(String what, Supplier<Uni<T>> work) {
        var failures = new AtomicInteger();
        return Uni.createFrom()
                .<T>deferred(work::get)
                .onFailure(StoreRetry::retryable)
                .invoke(e ->
                        Log.warnf("vision: %s failed (attempt %d), retrying: %s", what, failures.incrementAndGet(), e))
                .onFailure(e -> retryable(e) && !stopping)
                .retry()
                .withBackOff(initialBackOff, maxBackOff)
                .indefinitely()
                .onFailure(StoreRetry::retryable)
                .recoverWithUni(e -> {
                    Log.infof("vision: shutting down, %s is left for the next start", what);
                    return Uni.createFrom().nothing();
                });
    }

    static boolean retryable(Throwable failure) {
        var cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        boolean refusedByKafka = cause instanceof ApiException && !(cause instanceof RetriableException);
        boolean dataError = cause instanceof IllegalArgumentException
                || cause instanceof NullPointerException
                || cause instanceof ClassCastException
                || cause instanceof IndexOutOfBoundsException
                || cause instanceof ArithmeticException
                || cause instanceof DateTimeException;
        return !refusedByKafka && !dataError;
    }
}
