package io.classroom.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of camera-ingest-service. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** Base64 of the 32-byte AES key that encrypts camera credentials at rest (no default in production). */
    String credentialsKey();

    /** Id of this replica in camera leases; a random id per process when not set. */
    Optional<String> instanceId();

    /** Where cameras may be: every camera connection (test, stream) is checked against it first. */
    Cameras cameras();

    /** RTSP stream workers. */
    Stream stream();

    /** Spreading cameras over replicas. */
    Lease lease();

    /** Webcam frame uploads. */
    Webcam webcam();

    /** The room snapshot announced with a class session's first frame of each camera. */
    Snapshot snapshot();

    /** The egress allow-list of camera connections and how camera certificates are verified. */
    interface Cameras {
        /**
         * CIDRs (IPv4 or IPv6, e.g. {@code 10.20.0.0/16}, {@code 2001:db8:5::/48}; a bare address means that one
         * address) of the networks cameras may be in. Before any connection the camera's host is resolved and the
         * connection refused ({@code NOT_ALLOWED}, nothing sent) when any of its addresses lies outside every entry.
         * Loopback, link-local, multicast, unspecified, broadcast and cloud metadata addresses (169.254.169.254,
         * fd00:ec2::254) are refused even inside a broad entry such as {@code 0.0.0.0/0}: only an entry that lies
         * within such a block allows it (e.g. {@code 127.0.0.1/32}; the metadata addresses only as their own /32 or
         * /128). Not set: no camera can be reached. Never list the networks of the cluster's own services.
         */
        Optional<List<String>> allowedNetworks();

        /**
         * PEM file of the certificate authorities that sign the cameras' certificates (rtsps), for instance a school's
         * own CA; the JVM's default trust store when not set. Cameras marked {@code tlsVerify=false} skip the check.
         */
        Optional<Path> tlsCaFile();
    }

    /** Stream worker settings. */
    interface Stream {
        /** Path of the ffmpeg binary. */
        @WithDefault("ffmpeg")
        String ffmpegPath();

        /** Path of the ffprobe binary (connection tests). */
        @WithDefault("ffprobe")
        String ffprobePath();

        /** Time a new connection has to deliver its first frame. */
        @WithDefault("15s")
        Duration connectTimeout();

        /** A streaming camera that delivers no frame for this long is restarted (watchdog). */
        @WithDefault("10s")
        Duration noFrameTimeout();

        /** First reconnect delay; doubles per failed attempt (with jitter). */
        @WithDefault("1s")
        Duration backoffInitial();

        /** Upper bound of the reconnect delay: a camera that comes back streams again within this. */
        @WithDefault("10s")
        Duration backoffMax();

        /** Largest JPEG accepted from ffmpeg; bigger frames are dropped and counted. */
        @WithDefault("921600")
        int maxFrameBytes();

        /** Frames of one camera waiting for Kafka; beyond this new frames are dropped and counted. */
        @WithDefault("4")
        int maxInFlight();

        /** Time to live of the live status hash camera:status:<id> in Redis. */
        @WithDefault("30s")
        Duration statusTtl();

        /** Timeout of a connection test (ffprobe). */
        @WithDefault("10s")
        Duration probeTimeout();
    }

    /** Camera lease settings. */
    interface Lease {
        /** Lease period: a dead replica's cameras move to others within about this time. */
        @WithDefault("15s")
        Duration ttl();

        /** How often each replica renews its leases and tries to take cameras that should run. */
        @WithDefault("5s")
        Duration renewInterval();

        /** Redis key of the sorted set of live replicas (fair share of cameras). */
        @WithDefault("ingest:replicas")
        String replicasKey();
    }

    /** Webcam upload settings. */
    interface Webcam {
        /**
         * Largest accepted frame in bytes (REST: 413; WebSocket: a 413 reply). 4 MiB holds a 1920x1080 PNG; keep it
         * at {@code quarkus.websockets-next.server.max-message-size}, the WebSocket's message limit.
         */
        @WithDefault("4194304")
        int maxBytes();

        /**
         * Largest JPEG published on ingest.frames.v1: a bigger frame is re-encoded at a lower JPEG quality, so that
         * every record stays within Kafka's default message size (1 MB) whatever the client sent.
         */
        @WithDefault("921600")
        int maxPublishedBytes();

        /** Frames per second one user may send (429 beyond). */
        @WithDefault("5")
        int framesPerSecond();

        /** Largest accepted width or height of a webcam image in pixels. */
        @WithDefault("4096")
        int maxDimension();

        /**
         * How long the webcam WebSocket's upgrade waits for a session this service does not know yet before it
         * answers 404: a client connects right after starting a session, while the session's event may still be on
         * its way (classroom.sessions.v1, tracking.activity.v1). The wait holds no thread.
         */
        @WithDefault("3s")
        Duration sessionWait();
    }

    /** Room snapshots (ingest.cameras.v1), drawn under the session's camera heatmap by analytics. */
    interface Snapshot {
        /**
         * Width in pixels the snapshot is scaled down to (at most 640); 0 announces cameras without a snapshot. The
         * snapshot is blurred in proportion to its width, so that the room is recognisable and the people in it are
         * not.
         */
        @WithDefault("320")
        @Max(640)
        @PositiveOrZero
        int width();
    }
}
