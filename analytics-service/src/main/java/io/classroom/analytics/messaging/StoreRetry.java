package io.classroom.analytics.messaging;

import io.classroom.analytics.config.AnalyticsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Applies a parsed message, retrying with back-off for as long as the store (MongoDB) fails: the message is
 * acknowledged only once stored, so its offset stays uncommitted and the partition waits instead of losing it. The
 * work must be idempotent. A message that fails the same way on every try (a {@link MalformedMessageException}, or a
 * data error such as an {@link IllegalArgumentException} that validation missed) fails at once, for the dead-letter
 * topic, rather than blocking its partition forever.
 */
@ApplicationScoped
public class StoreRetry {

    private final Duration initialBackOff;
    private final Duration maxBackOff;
    private final MeterRegistry metrics;
    private volatile boolean stopping;

    @Inject
    public StoreRetry(AnalyticsConfig config, MeterRegistry metrics) {
        this(config.storeRetryInitialBackOff(), config.storeRetryMaxBackOff(), metrics);
    }

    StoreRetry(Duration initialBackOff, Duration maxBackOff, MeterRegistry metrics) {
        this.initialBackOff = initialBackOff;
        this.maxBackOff = maxBackOff;
        this.metrics = metrics;
    }

    /** From now on a failed message is left unacknowledged for the next start instead of retried. */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public Uni<Void> untilStored(String topic, Supplier<Uni<Void>> work) {
        AtomicInteger failures = new AtomicInteger();
        return Uni.createFrom()
                .<Void>deferred(work::get)
                // Retries fire on a timer thread; the message is processed and acknowledged on its Vert.x context.
                .runSubscriptionOn(on(Vertx.currentContext()))
                .onFailure(StoreRetry::retryable)
                .invoke(e -> Log.warnf(
                        "Storing a message of %s failed (attempt %d), retrying: %s",
                        topic, failures.incrementAndGet(), e.toString()))
                .onFailure(e -> retryable(e) && !stopping)
                .retry()
                .withBackOff(initialBackOff, maxBackOff)
                .indefinitely()
                .onFailure(StoreRetry::retryable)
                .recoverWithUni(e -> {
                    Log.infof("Shutting down: a message of %s stays unacknowledged and is read again", topic);
                    return Uni.createFrom().nothing();
                })
                .onFailure(StoreRetry::dataError)
                .transform(e -> {
                    metrics.counter("analytics.messages.dead.lettered", "topic", topic)
                            .increment();
                    return new MalformedMessageException("cannot be applied: " + e, e);
                });
    }

    private static boolean retryable(Throwable failure) {
        return !(failure instanceof MalformedMessageException) && !dataError(failure);
    }

    /** Failures caused by the message's content, not by a store: retrying cannot help. */
    private static boolean dataError(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof IllegalArgumentException
                || cause instanceof NullPointerException
                || cause instanceof ClassCastException
                || cause instanceof IndexOutOfBoundsException
                || cause instanceof ArithmeticException
                || cause instanceof DateTimeException;
    }

    private static Executor on(Context context) {
        return task -> {
            if (context == null || Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }
}
