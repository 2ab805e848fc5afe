package io.classroom.vision.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Outages are retried until the work succeeds; a failure caused by the content fails at once. */
class StoreRetryTest {

    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

    private final StoreRetry retry = new StoreRetry(Duration.ofMillis(1), Duration.ofMillis(5));
    private final AtomicInteger attempts = new AtomicInteger();

    /** Work that fails with {@code failure} on its first {@code failing} attempts, then succeeds. */
    private Uni<String> work(int failing, RuntimeException failure) {
        return retry.untilDone(
                "test work",
                () -> attempts.incrementAndGet() <= failing
                        ? Uni.createFrom().failure(failure)
                        : Uni.createFrom().item("done"));
    }

    @Test
    void aStoreOrBrokerOutageIsRetriedUntilTheWorkSucceeds() {
        assertThat(work(3, new IllegalStateException("connection refused"))
                        .await()
                        .atMost(HANG_LIMIT))
                .isEqualTo("done");
        assertThat(attempts).hasValue(4);

        attempts.set(0);
        assertThat(work(2, new TimeoutException("no broker")).await().atMost(HANG_LIMIT))
                .isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aFailureCausedByTheContentFailsAtOnce() {
        assertThatThrownBy(() -> work(5, new IllegalArgumentException("bad data"))
                        .await()
                        .atMost(HANG_LIMIT))
                .hasMessage("bad data");
        assertThat(attempts).hasValue(1);

        attempts.set(0);
        assertThatThrownBy(() -> work(5, new RecordTooLargeException("too large"))
                        .await()
                        .atMost(HANG_LIMIT))
                .isInstanceOf(RecordTooLargeException.class);
        assertThat(attempts).hasValue(1);
    }
}
