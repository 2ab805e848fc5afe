package io.classroom.auth.service;

import io.classroom.auth.config.AuthConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * A bounded, named Vert.x worker pool for CPU-heavy crypto (bcrypt, RSA key generation). Results come back on the
 * caller's Vert.x context, so Hibernate Reactive sessions keep working after the hop.
 */
@ApplicationScoped
public class CryptoWorker {

    private final WorkerExecutor executor;

    CryptoWorker(Vertx vertx, AuthConfig config) {
        this.executor = vertx.createSharedWorkerExecutor(
                "auth-crypto", config.password().workerPoolSize());
    }

    public <T> Uni<T> run(Supplier<T> work) {
        // Unordered: independent requests must not queue behind each other.
        return executor.executeBlocking(Uni.createFrom().item(work), false);
    }

    @PreDestroy
    void close() {
        executor.closeAndForget();
    }
}
