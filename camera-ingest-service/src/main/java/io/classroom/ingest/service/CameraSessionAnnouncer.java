package io.classroom.ingest.service;

import io.classroom.ingest.Frame;
import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.messaging.CameraSessionPublisher;
import io.classroom.ingest.messaging.CameraSessionStarted;
import io.classroom.ingest.stream.FrameSink;
import io.classroom.ingest.stream.StreamSpec;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Announces a camera's first frame of a class session on ingest.cameras.v1: its name, room and a blurred snapshot of
 * the room ({@link RoomSnapshots}). A restarted stream announces again; analytics keeps the first. Losing an
 * announcement costs a heatmap its title and background, never a frame, so failures are logged and not retried.
 */
@ApplicationScoped
public class CameraSessionAnnouncer {

    private final CameraSessionPublisher publisher;
    private final IngestConfig config;

    public CameraSessionAnnouncer(CameraSessionPublisher publisher, IngestConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    /** The sink a stream worker publishes to: {@code frames}, announcing the first frame of a session's stream. */
    public FrameSink around(StreamSpec spec, FrameSink frames) {
        if (spec.sessionId() == null) {
            return frames;
        }
        var announced = new AtomicBoolean();
        return frame -> {
            var published = frames.publish(frame);
            if (announced.compareAndSet(false, true)) {
                // Off the stream's thread: scaling and blurring must not delay the frames.
                Infrastructure.getDefaultWorkerPool().execute(() -> announce(spec, frame));
            }
            return published;
        };
    }

    void announce(StreamSpec spec, Frame frame) {
        try {
            publisher.publish(event(spec, frame, config.snapshot().width())).whenComplete((ok, error) -> {
                if (error != null) {
                    Log.warnf(
                            "camera %s: session %s not announced: %s",
                            spec.cameraId(), spec.sessionId(), error.getMessage());
                }
            });
        } catch (Exception e) {
            Log.warnf("camera %s: session %s not announced: %s", spec.cameraId(), spec.sessionId(), e.toString());
        }
    }

    public static CameraSessionStarted event(StreamSpec spec, Frame frame, int snapshotWidth) throws IOException {
        var snapshot = snapshotWidth <= 0
                ? null
                : RoomSnapshots.of(frame.jpeg(), snapshotWidth)
                        .map(s -> new CameraSessionStarted.Snapshot(
                                frame.capturedAt(),
                                s.width(),
                                s.height(),
                                "image/jpeg",
                                Base64.getEncoder().encodeToString(s.jpeg())))
                        .orElse(null);
        return new CameraSessionStarted(
                UUID.randomUUID(),
                CameraSessionStarted.TYPE,
                Instant.now(),
                spec.tenantId(),
                spec.sessionId(),
                spec.cameraId(),
                spec.name(),
                spec.roomId(),
                snapshot);
    }
}
