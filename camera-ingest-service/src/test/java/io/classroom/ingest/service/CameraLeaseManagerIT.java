package io.classroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (lease managers with their own instance ids) share cameras through real Redis. Leases last far longer
 * than the test, so nothing depends on its speed; a replica's death is its lease period running out, which its last
 * renewal (1 ms long) makes happen at once.
 */
@QuarkusTest
class CameraLeaseManagerIT {

    private static final Duration TTL = Duration.ofMinutes(5);
    /** Only bounds a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Inject
    RedisDataSource redis;

    private final String replicas = "ingest:replicas:lease-test-" + UUID.randomUUID();
    private final List<UUID> cameras =
            IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();

    /** One scheduler round of a replica: announce, renew what it holds, take free cameras up to its share. */
    private static void round(CameraLeaseManager leases, Set<UUID> owned, List<UUID> cameras) {
        leases.heartbeat();
        owned.removeIf(id -> !leases.renew(id));
        int share = leases.fairShare(cameras.size());
        for (var id : cameras) {
            if (owned.size() >= share) {
                break;
            }
            if (!owned.contains(id) && leases.tryAcquire(id)) {
                owned.add(id);
            }
        }
    }

    @Test
    void replicasSplitTheCamerasAndTakeOverFromADeadOne() {
        var a = new CameraLeaseManager(redis, "replica-a-" + UUID.randomUUID(), TTL, replicas);
        var b = new CameraLeaseManager(redis, "replica-b-" + UUID.randomUUID(), TTL, replicas);
        var ownedA = new HashSet<UUID>();
        var ownedB = new HashSet<UUID>();
        a.heartbeat();
        b.heartbeat();
        for (int i = 0; i < 3; i++) {
            round(a, ownedA, cameras);
            round(b, ownedB, cameras);
        }
        assertThat(ownedA).hasSize(2).doesNotContainAnyElementsOf(ownedB);
        assertThat(ownedB).hasSize(2);
        for (var id : ownedA) {
            assertThat(a.holder(id)).isEqualTo(a.instanceId());
            assertThat(b.renew(id)).isFalse();
            assertThat(b.tryAcquire(id)).isFalse();
        }

        // Replica A dies: its last heartbeat and renewals end its lease period, then it renews nothing more.
        var lastBreath = new CameraLeaseManager(redis, a.instanceId(), Duration.ofMillis(1), replicas);
        lastBreath.heartbeat();
        ownedA.forEach(lastBreath::renew);
        Awaitility.await().atMost(HANG).pollInterval(Duration.ofMillis(50)).until(() -> {
            round(b, ownedB, cameras);
            return ownedB.size() == cameras.size();
        });
        for (var id : cameras) {
            assertThat(b.holder(id)).isEqualTo(b.instanceId());
        }
        assertThat(a.renew(cameras.get(0))).isFalse();
        assertThat(b.fairShare(cameras.size())).isEqualTo(cameras.size());

        // A release by a non-holder changes nothing; the holder's release frees the camera.
        a.release(cameras.get(0));
        assertThat(b.holder(cameras.get(0))).isEqualTo(b.instanceId());
        cameras.forEach(b::release);
        assertThat(a.holder(cameras.get(0))).isNull();
        b.leave();
    }
}
