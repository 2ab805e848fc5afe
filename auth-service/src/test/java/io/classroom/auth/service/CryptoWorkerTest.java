package io.classroom.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The crypto pool admits workers + queue tasks; the next one is refused at once with 503, never queued. */
class CryptoWorkerTest {

    /** Only stops a hang; nothing here waits for time to pass. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    @Test
    void aFullPoolAndQueueAnswer503WithRetryAfterWithoutRunningTheWork() throws Exception {
        var worker = new CryptoWorker(vertx, 1, 1);
        var running = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var first = worker.run(() -> {
                    running.countDown();
                    awaitQuietly(release);
                    return "first";
                })
                .subscribeAsCompletionStage();
        assertThat(running.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        var queued = worker.run(() -> "queued").subscribeAsCompletionStage();

        var ran = new AtomicInteger();
        var refused = catchThrowableOfType(
                () -> worker.run(ran::incrementAndGet).await().atMost(HANG), HttpProblem.class);
        assertThat(refused.getStatusCode()).isEqualTo(503);
        assertThat(refused.getHeaders()).containsKey("Retry-After");
        assertThat(refused.getType().toString()).isEqualTo("urn:classroom:problem:busy");
        assertThat(ran).hasValue(0);

        release.countDown();
        assertThat(first.toCompletableFuture().get(HANG.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("first");
        assertThat(queued.toCompletableFuture().get(HANG.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("queued");
        // Room again once the admitted tasks are done.
        assertThat(worker.run(() -> "later").await().atMost(HANG)).isEqualTo("later");
    }

    @Test
    void aTaskThatFailsGivesItsPlaceBack() {
        var worker = new CryptoWorker(vertx, 1, 0);
        for (int i = 0; i < 3; i++) {
            var failure = catchThrowableOfType(
                    () -> worker.run(() -> {
                                throw new IllegalStateException("bcrypt failed");
                            })
                            .await()
                            .atMost(HANG),
                    IllegalStateException.class);
            assertThat(failure).hasMessage("bcrypt failed");
        }
        assertThat(worker.run(() -> "ok").await().atMost(HANG)).isEqualTo("ok");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
