package io.classroom.ingest.service;

import io.classroom.ingest.Camera;
import io.classroom.ingest.CameraStatus;
import io.classroom.ingest.Credentials;
import io.classroom.ingest.ProbeResult;
import io.classroom.ingest.error.Problems;
import io.classroom.ingest.repository.CameraRepository;
import io.classroom.ingest.security.Caller;
import io.classroom.ingest.stream.RtspUrls;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Camera registry logic: who may do what (teachers and admins of the tenant read cameras and their health; only its
 * admins change, test, start or stop them; class sessions start and stop theirs), validation, credentials and run
 * requests; streams follow through the scheduler. Credentials stay with the scheme, host and port they were given
 * for: a URL that moves elsewhere without new credentials drops the stored ones.
 */
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

    public Uni<List<Camera>> list(Caller caller) {
        requireStaff(caller);
        return repository.list(caller.tenantId());
    }

    /** A camera of the caller's tenant (404 otherwise, also for another tenant's camera). */
    public Uni<Camera> get(Caller caller, UUID id) {
        requireStaff(caller);
        return find(caller.tenantId(), id);
    }

    public Uni<Camera> create(Caller caller, CameraSettings settings) {
        requireAdmin(caller);
        var url = parseUrl(settings.rtspUrl());
        checkSize(settings);
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // What a new camera has where the settings say nothing (the defaults the API documents).
        var defaults = new Camera(
                UUID.randomUUID(),
                caller.tenantId(),
                null,
                null,
                null,
                null,
                null,
                null,
                true,
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
    public Uni<Camera> update(Caller caller, UUID id, CameraSettings settings) {
        return changeable(caller, id)
                .map(existing -> {
                    var url = parseUrl(settings.rtspUrl());
                    checkSize(settings);
                    return withSettings(existing, settings, url, Instant.now().truncatedTo(ChronoUnit.MICROS));
                })
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
                credentials(settings.username(), settings.password(), url, base),
                settings.tlsVerify() == null ? base.tlsVerify() : settings.tlsVerify(),
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

    public Uni<Void> delete(Caller caller, UUID id) {
        return changeable(caller, id)
                .chain(camera -> repository.delete(caller.tenantId(), id))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw Problems.notFound("camera");
                    }
                    scheduler.reconcileSoon();
                })
                .replaceWithVoid();
    }

    /**
     * Requests the stream to run (or stop) by hand, admins only (class sessions start and stop their cameras through
     * classroom.sessions.v1); the replica holding the lease follows within a renew interval.
     */
    public Uni<CameraStatus> requestRun(Caller caller, UUID id, boolean run) {
        return changeable(caller, id)
                .invoke(camera -> {
                    if (run && !camera.enabled()) {
                        throw Problems.of(
                                Response.Status.CONFLICT,
                                "camera-disabled",
                                "Camera disabled",
                                "enable the camera before starting it");
                    }
                })
                .chain(camera -> repository.requestRun(caller.tenantId(), id, run))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("camera"))
                .invoke(scheduler::reconcileSoon)
                .chain(camera -> statusStore.read(id, camera.runRequested()));
    }

    public Uni<CameraStatus> status(Caller caller, UUID id) {
        return get(caller, id).chain(camera -> statusStore.read(id, camera.shouldStream()));
    }

    public Uni<List<CameraStatus>> statuses(Caller caller) {
        return list(caller)
                .onItem()
                .transformToMulti(cameras -> Multi.createFrom().iterable(cameras))
                .onItem()
                .transformToUniAndConcatenate(camera -> statusStore.read(camera.id(), camera.shouldStream()))
                .collect()
                .asList();
    }

    /**
     * Probes a connection before it is saved (admins only); explicit credentials win over the URL's userinfo. An
     * address outside the allowed camera networks answers NOT_ALLOWED without any connection.
     */
    public Uni<ProbeResult> test(Caller caller, String rtspUrl, String username, String password, Boolean tlsVerify) {
        requireAdmin(caller);
        var url = parseUrl(rtspUrl);
        var credentials = username != null || password != null
                ? explicit(username, password).orElse(null)
                : url.credentials().orElse(null);
        boolean verify = tlsVerify == null || tlsVerify;
        return Uni.createFrom()
                .item(() -> tester.probe(url.url(), credentials, verify))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Probes a saved camera with its stored credentials (admins only). */
    public Uni<ProbeResult> test(Caller caller, UUID id) {
        return changeable(caller, id)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(camera -> tester.probe(camera.rtspUrl(), camera.credentials(), camera.tlsVerify()));
    }

    /** The camera, when the caller may change it: 404 when it is not in their tenant, then 403 unless an admin. */
    private Uni<Camera> changeable(Caller caller, UUID id) {
        return get(caller, id).invoke(camera -> requireAdmin(caller));
    }

    private Uni<Camera> find(String tenantId, UUID id) {
        return repository.find(tenantId, id).onItem().ifNull().failWith(() -> Problems.notFound("camera"));
    }

    private static void requireStaff(Caller caller) {
        if (!caller.isTeacherOrAdmin()) {
            throw Problems.forbidden("not-staff", "only teachers and admins see cameras");
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw Problems.forbidden("admin-only", "only admins change, test, start or stop cameras");
        }
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

    /**
     * Explicit username/password win over the URL's userinfo (an empty username clears them). Given neither, the
     * camera keeps its credentials only while its URL keeps their scheme, host and port: they are never sent to
     * another host.
     */
    private static Credentials credentials(String username, String password, RtspUrls.Parsed url, Camera existing) {
        if (username != null || password != null) {
            return explicit(username, password).orElse(null);
        }
        if (url.credentials().isPresent()) {
            return url.credentials().get();
        }
        if (existing.credentials() == null
                || RtspUrls.origin(existing.rtspUrl()).equals(RtspUrls.origin(url.url()))) {
            return existing.credentials();
        }
        Log.infof(
                "camera %s moves from %s to %s without new credentials: the stored ones are dropped",
                existing.id(), RtspUrls.origin(existing.rtspUrl()), RtspUrls.origin(url.url()));
        return null;
    }

    private static Optional<Credentials> explicit(String username, String password) {
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username, password == null ? "" : password));
    }
}
