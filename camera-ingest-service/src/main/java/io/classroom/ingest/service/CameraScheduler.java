package io.classroom.ingest.service;

import io.classroom.ingest.Camera;
import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.repository.CameraRepository;
import io.classroom.ingest.stream.StreamSpec;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reconciles this replica's streams with the registry: keeps the leases it holds, stops cameras no longer wanted,
 * gives back cameras beyond its fair share and takes free cameras up to it. Runs every lease renew interval, and at
 * once after a start/stop or a class session event, from the end of the application's start on: consumers may hand it
 * events while Quarkus still creates the Redis clients on the main thread, and Quarkus' client registry is not safe for
 * two threads at once (a concurrent first use failed the start with a ConcurrentModificationException).
 */
@ApplicationScoped
public class CameraScheduler {

    private final CameraRepository repository;
    private final StreamSupervisor supervisor;
    private final CameraLeaseManager leases;
    private final ExecutorService kicker = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "camera-reconcile");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean shuttingDown;

    public CameraScheduler(
            CameraRepository repository,
            StreamSupervisor supervisor,
            RedisDataSource redis,
            IngestConfig config,
            InstanceId instanceId) {
        this.repository = repository;
        this.supervisor = supervisor;
        this.leases = new CameraLeaseManager(
                redis, instanceId.value(), config.lease().ttl(), config.lease().replicasKey());
    }

    @Scheduled(
            every = "${ingest.lease.renew-interval:5s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        reconcile();
    }

    /** Reconciles soon on a background thread (coalesces bursts of requests). */
    public void reconcileSoon() {
        if (started && kickPending.compareAndSet(false, true)) {
            kicker.execute(() -> {
                kickPending.set(false);
                reconcile();
            });
        }
    }

    public synchronized void reconcile() {
        if (shuttingDown) {
            return;
        }
        try {
            var wanted = new HashMap<UUID, Camera>();
            repository.findRunnable().await().atMost(Duration.ofSeconds(10)).forEach(c -> wanted.put(c.id(), c));
            leases.heartbeat();
            for (var id : supervisor.cameraIds()) {
                var camera = wanted.get(id);
                if (camera == null) {
                    supervisor.stop(id, true);
                    leases.release(id);
                } else if (!leases.renew(id)) {
                    Log.warnf("lease of camera %s lost, another replica streams it", id);
                    supervisor.stop(id, false);
                } else {
                    supervisor.ensure(StreamSpec.of(camera));
                }
            }
            int share = leases.fairShare(wanted.size());
            var owned = supervisor.cameraIds();
            if (owned.size() > share) {
                // Give one camera back per round so a replica that just joined gets its part without a stampede.
                var id = owned.iterator().next();
                Log.infof("giving camera %s back to rebalance (%d owned, fair share %d)", id, owned.size(), share);
                supervisor.stop(id, false);
                leases.release(id);
                return;
            }
            var candidates = new ArrayList<Camera>();
            wanted.values().stream().filter(c -> !owned.contains(c.id())).forEach(candidates::add);
            Collections.shuffle(candidates);
            int count = owned.size();
            for (var camera : candidates) {
                if (count >= share) {
                    break;
                }
                if (leases.tryAcquire(camera.id())) {
                    supervisor.ensure(StreamSpec.of(camera));
                    count++;
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("camera reconcile failed, retrying next round: %s", e.getMessage());
        }
    }

    /** After every other start-up observer: until then the first tick after the start reconciles instead. */
    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        started = true;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        shuttingDown = true;
        kicker.shutdownNow();
        synchronized (this) {
            for (var id : supervisor.cameraIds()) {
                supervisor.stop(id, true);
                leases.release(id);
            }
            try {
                leases.leave();
            } catch (RuntimeException e) {
                Log.warnf("cannot leave the replica set: %s", e.getMessage());
            }
        }
    }
}
