package io.classroom.ingest.service;

import io.classroom.ingest.Camera;
import io.classroom.ingest.CameraStatus;
import io.classroom.ingest.Credentials;
import io.classroom.ingest.ProbeResult;
import io.classroom.ingest.error.Problems;
import io.classroom.ingest.repository.CameraRepository;
import io.classroom.ingest.stream.RtspUrls;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Camera registry logic: validation, credentials, run requests; streams follow through the scheduler. */
@ApplicationScoped
public class CameraService {

    private final CameraRepository repository;
    private final CameraStatusStore statusStore;
    private final CameraScheduler scheduler;
    private final ConnectionTester tester;

    public CameraService(
            CameraRepository repository,
            CameraStatusStore statusStore,
            CameraScheduler scheduler,
            ConnectionTester tester) {
        this.repository = repository;
        this.statusStore = statusStore;
        this.scheduler = scheduler;
        this.tester = tester;
    }

    public Uni<List<Camera>> list(String tenantId) {
        return repository.list(tenantId);
    }

    public Uni<Camera> get(String tenantId, UUID id) {
        return repository.find(tenantId, id).onItem().ifNull().failWith(() -> Problems.notFound("camera"));
    }

    public Uni<Camera> create(String tenantId, CameraSettings settings) {
        var url = parseUrl(settings.rtspUrl());
        checkSize(settings);
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // What a new camera has where the settings say nothing (the defaults the API documents).
        var defaults = new Camera(
                UUID.randomUUID(),
                tenantId,
                null,
                null,
                null,
                null,
                null,
                null,
                1.0,
                640,
                360,
                80,
                true,
                false,
                null,
                now,
                now);
        return repository.insert(withSettings(defaults, settings, url, now));
    }

    /** Replaces a camera's settings; a running stream restarts with them. */
    public Uni<Camera> update(String tenantId, UUID id, CameraSettings settings) {
        var url = parseUrl(settings.rtspUrl());
        checkSize(settings);
        return get(tenantId, id)
                .map(existing ->
                        withSettings(existing, settings, url, Instant.now().truncatedTo(ChronoUnit.MICROS)))
                .chain(repository::update)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("camera"))
                .invoke(scheduler::reconcileSoon);
    }

    /** {@code base} with the given settings; what they leave out stays as in {@code base}. */
    private Camera withSettings(Camera base, CameraSettings settings, RtspUrls.Parsed url, Instant updatedAt) {
        return new Camera(
                base.id(),
                base.tenantId(),
                settings.name().trim(),
                settings.description(),
                settings.roomId(),
                settings.location(),
                url.url(),
                credentials(settings.username(), settings.password(), url, base.credentials()),
                settings.analysisFps() == null ? base.analysisFps() : settings.analysisFps(),
                settings.outputWidth() == null ? base.outputWidth() : settings.outputWidth(),
                settings.outputHeight() == null ? base.outputHeight() : settings.outputHeight(),
                settings.jpegQuality() == null ? base.jpegQuality() : settings.jpegQuality(),
                settings.enabled() == null ? base.enabled() : settings.enabled(),
                base.runRequested(),
                base.sessionId(),
                base.createdAt(),
                updatedAt);
    }

    public Uni<Void> delete(String tenantId, UUID id) {
        return repository
                .delete(tenantId, id)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw Problems.notFound("camera");
                    }
                    scheduler.reconcileSoon();
                })
                .replaceWithVoid();
    }

    /** Requests the stream to run (or stop); the replica holding the lease follows within a renew interval. */
    public Uni<CameraStatus> requestRun(String tenantId, UUID id, boolean run) {
        return get(tenantId, id)
                .invoke(camera -> {
                    if (run && !camera.enabled()) {
                        throw Problems.of(
                                Response.Status.CONFLICT,
                                "camera-disabled",
                                "Camera disabled",
                                "enable the camera before starting it");
                    }
                })
                .chain(camera -> repository.requestRun(tenantId, id, run))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("camera"))
                .invoke(scheduler::reconcileSoon)
                .chain(camera -> statusStore.read(id, camera.runRequested()));
    }

    public Uni<CameraStatus> status(String tenantId, UUID id) {
        return get(tenantId, id).chain(camera -> statusStore.read(id, camera.shouldStream()));
    }

    public Uni<List<CameraStatus>> statuses(String tenantId) {
        return repository
                .list(tenantId)
                .onItem()
                .transformToMulti(cameras -> Multi.createFrom().iterable(cameras))
                .onItem()
                .transformToUniAndConcatenate(camera -> statusStore.read(camera.id(), camera.shouldStream()))
                .collect()
                .asList();
    }

    /** Probes a connection before it is saved; explicit credentials win over the URL's userinfo. */
    public Uni<ProbeResult> test(String rtspUrl, String username, String password) {
        var url = parseUrl(rtspUrl);
        var credentials = credentials(username, password, url, null);
        return Uni.createFrom()
                .item(() -> tester.probe(url.url(), credentials))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Uni<ProbeResult> test(String tenantId, UUID id) {
        return get(tenantId, id)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(camera -> tester.probe(camera.rtspUrl(), camera.credentials()));
    }

    private static RtspUrls.Parsed parseUrl(String raw) {
        try {
            return RtspUrls.parse(raw);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("invalid-rtsp-url", e.getMessage());
        }
    }

    private static void checkSize(CameraSettings settings) {
        if ((settings.outputWidth() != null && settings.outputWidth() % 2 != 0)
                || (settings.outputHeight() != null && settings.outputHeight() % 2 != 0)) {
            throw Problems.badRequest("invalid-resolution", "outputWidth and outputHeight must be even");
        }
    }

    /** Explicit username/password win over the URL's userinfo; neither keeps the existing ones; empty clears. */
    private static Credentials credentials(
            String username, String password, RtspUrls.Parsed url, Credentials existing) {
        if (username != null || password != null) {
            return username == null || username.isEmpty()
                    ? null
                    : new Credentials(username, password == null ? "" : password);
        }
        return url.credentials().orElse(existing);
    }
}
