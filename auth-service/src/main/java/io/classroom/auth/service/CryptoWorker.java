package io.classroom.auth.service;

import io.classroom.auth.config.AuthConfig;
import io.classroom.auth.error.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bounded, named Vert.x worker pool for CPU-heavy crypto (bcrypt, RSA key generation). Results come back on the
 * caller's Vert.x context, so Hibernate Reactive sessions keep working after the hop. Vert.x queues blocking tasks
 * without limit, so the pool admits at most {@code workers + queue} tasks at a time and refuses the next one at once
 * with 503 and Retry-After: a flood of logins or registrations cannot pile up unbounded work and memory.
 */
@ApplicationScoped
public class CryptoWorker {

    /** A bcrypt at the production cost takes about a quarter of a second: the line moves within a second. */
    static final long RETRY_AFTER_SECONDS = 1;

    private final WorkerExecutor executor;
    private final int capacity;
    /** Tasks admitted and not finished yet: running or waiting for a worker. */
    private final AtomicInteger admitted = new AtomicInteger();

    @Inject
    CryptoWorker(Vertx vertx, AuthConfig config) {
        this(vertx, config.password().workerPoolSize(), config.password().workerQueueSize());
    }

    CryptoWorker(Vertx vertx, int workers, int queue) {
        this.executor = vertx.createSharedWorkerExecutor("auth-crypto", workers);
        this.capacity = workers + queue;
    }

    /** Runs the work on the pool, or fails with 503 (nothing run) when the pool and its queue are full. */
    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            if (admitted.incrementAndGet() > capacity) {
                admitted.decrementAndGet();
                return Uni.createFrom().failure(Problems.busy(RETRY_AFTER_SECONDS));
            }
            // Released by the worker itself: a queued task runs even when its caller went away.
            var task = Uni.createFrom().item(() -> {
                try {
                    return work.get();
                } finally {
                    admitted.decrementAndGet();
                }
            });
            // Unordered: independent requests must not queue behind each other.
            return executor.executeBlocking(task, false);
        });
    }

    @PreDestroy
    void close() {
        executor.closeAndForget();
    }
}
