package io.classroom.ingest.service;

import io.classroom.ingest.Frame;
import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.error.Problems;
import io.classroom.ingest.security.Caller;
import io.classroom.ingest.security.Roles;
import io.classroom.ingest.stream.FrameSink;
import io.classroom.ingest.stream.ImageInfo;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Webcam frames of students without room cameras and of personal focus sessions: checks size, session, caller, rate
 * and image, then publishes on ingest.frames.v1 with sourceId {@code webcam:<userId>}. Blocking: call from a worker
 * thread.
 */
@ApplicationScoped
public class WebcamFrameService {

    /** Problem type of a frame for a paused personal session: ignored, not published. */
    public static final String SESSION_PAUSED = "session-paused";

    /** Problem type of a frame for an ended personal session: refused, and a WebSocket is closed. */
    public static final String SESSION_ENDED = "session-ended";

    /** JPEG qualities tried, in order, when a frame is larger than may be published. */
    private static final float[] QUALITIES = {0.85f, 0.7f, 0.55f, 0.4f};

    private final IngestConfig.Webcam config;
    private final SessionStore sessions;
    private final PersonalSessionStore personalSessions;
    private final WebcamRateLimiter rateLimiter;
    private final FrameSink sink;

    public WebcamFrameService(
            IngestConfig config,
            SessionStore sessions,
            PersonalSessionStore personalSessions,
            WebcamRateLimiter rateLimiter,
            FrameSink sink) {
        this.config = config.webcam();
        this.sessions = sessions;
        this.personalSessions = personalSessions;
        this.rateLimiter = rateLimiter;
        this.sink = sink;
    }

    /** A published frame. */
    public record Accepted(
            @Schema(
                    description = "Id of the published frame",
                    example = "webcam:3f2b8c1e-6d4a-4f7b-9a2e-1c5d8e7f9a01:9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a")
            String frameId,

            @Schema(description = "webcam:<userId>", example = "webcam:3f2b8c1e-6d4a-4f7b-9a2e-1c5d8e7f9a01")
            String sourceId,

            @Schema(example = "c2a4e6f8-1b3d-4e5f-9a7b-8c6d4e2f0a1b")
            String sessionId,

            @Schema(example = "640") int width,
            @Schema(example = "480") int height) {}

    /** Whether frames for a session are published, ignored (a paused personal session) or refused (ended). */
    public enum Phase {
        OPEN,
        PAUSED,
        ENDED
    }

    /** Decodes base64 (optionally a data: URL), refusing oversize input before decoding it. */
    public byte[] decodeBase64(String value) {
        if (value == null || value.isBlank()) {
            throw Problems.badRequest("missing-frame", "frame_base64 is required");
        }
        var text = value.trim();
        if (text.startsWith("data:")) {
            int comma = text.indexOf(',');
            if (comma < 0 || !text.substring(0, comma).endsWith(";base64")) {
                throw Problems.badRequest("invalid-base64", "a data: URL must be base64 encoded");
            }
            text = text.substring(comma + 1);
        }
        checkSize((long) text.length() * 3 / 4 - 2);
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("invalid-base64", "frame_base64 is not valid base64");
        }
    }

    /**
     * Publishes the frame within the caller's current trace (the upload request's, or the one a WebSocket message
     * names), so its path through vision and tracking continues that trace. A frame for a paused personal session is
     * answered 409 ({@link #SESSION_PAUSED}) and not published, one for an ended session 409 ({@link #SESSION_ENDED}).
     */
    public Accepted accept(Caller caller, String sessionId, byte[] data) {
        checkSize(data == null ? 0 : data.length);
        if (data == null || data.length == 0) {
            throw Problems.badRequest("empty-frame", "the frame is empty");
        }
        switch (checkSession(caller, sessionId)) {
            case PAUSED ->
                throw Problems.of(Response.Status.CONFLICT, SESSION_PAUSED, "Conflict", "paused: frame ignored");
            case ENDED -> throw ended();
            case OPEN -> {}
        }
        var userId = caller.userId().toString();
        rateLimiter.check(userId);
        var info = ImageInfo.read(data);
        if (info == null) {
            throw Problems.of(
                    Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "not-an-image",
                    "Unsupported Media Type",
                    "the frame is not a JPEG or PNG image");
        }
        if (info.width() > config.maxDimension() || info.height() > config.maxDimension()) {
            throw Problems.badRequest(
                    "image-too-large", "width and height must not exceed " + config.maxDimension() + " pixels");
        }
        // PNG is re-encoded as JPEG; a JPEG too large for the topic at a lower quality.
        var jpeg = ImageInfo.PNG.equals(info.contentType()) || data.length > config.maxPublishedBytes()
                ? encodeWithin(decode(data), config.maxPublishedBytes())
                : data;
        var sourceId = "webcam:" + userId;
        var frame = new Frame(
                sourceId + ":" + UUID.randomUUID(),
                sourceId,
                caller.tenantId(),
                sessionId,
                userId,
                Instant.now(),
                info.width(),
                info.height(),
                jpeg);
        try {
            sink.publish(frame).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        }
        return new Accepted(frame.frameId(), sourceId, sessionId, info.width(), info.height());
    }

    /** Size check before decoding anything (413). */
    public void checkSize(long bytes) {
        if (bytes > config.maxBytes()) {
            throw Problems.of(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "frame-too-large",
                    "Payload Too Large",
                    "a frame may have at most " + config.maxBytes() + " bytes");
        }
    }

    /**
     * Whether the caller may open a webcam WebSocket into the session: as {@link #checkSession}, and not into an
     * ended personal session (409). A paused one may be connected to; its frames are answered as ignored.
     */
    public void checkConnect(Caller caller, String sessionId) {
        if (checkSession(caller, sessionId) == Phase.ENDED) {
            throw ended();
        }
    }

    /**
     * Who may send frames into a session (a frame is always the caller's own, {@code webcam:<userId>}):
     * <ul>
     *   <li>a class session must be active in the caller's tenant (else 404); then only a student on its roster or the
     *       teacher who holds it may send (else 403). Other teachers and the tenant's admins see no classroom through
     *       a webcam, and a frame of anyone else could only feed false faces into the session's attendance;
     *   <li>a personal session (tracking.activity.v1) only by its owner: staff of its tenant, who may see personal
     *       sessions, are refused (403); another student may not even learn that it exists (404, as in tracking).
     * </ul>
     *
     * @return where the session stands: a class session is always {@link Phase#OPEN} while it is known here
     */
    public Phase checkSession(Caller caller, String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw Problems.badRequest("missing-session", "sessionId is required");
        }
        try {
            UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("invalid-session", "sessionId must be a UUID");
        }
        var userId = caller.userId().toString();
        var session = sessions.find(sessionId).filter(s -> s.tenantId().equals(caller.tenantId()));
        if (session.isPresent()) {
            boolean teacherOfSession =
                    caller.isTeacher() && userId.equals(session.get().teacherId());
            boolean onRoster = caller.roles().contains(Roles.STUDENT) && sessions.inRoster(sessionId, userId);
            if (!teacherOfSession && !onRoster) {
                throw Problems.forbidden(
                        "not-in-session", "only the session's students and its teacher send frames into it");
            }
            return Phase.OPEN;
        }
        var personal = personalSessions
                .find(sessionId)
                .filter(s -> s.tenantId().equals(caller.tenantId()))
                .orElseThrow(() -> Problems.notFound("active session"));
        if (!userId.equals(personal.ownerId())) {
            if (caller.isTeacherOrAdmin()) {
                throw Problems.forbidden("not-your-session", "only its owner sends frames into a personal session");
            }
            throw Problems.notFound("active session");
        }
        return switch (personal.state()) {
            case RUNNING -> Phase.OPEN;
            case PAUSED -> Phase.PAUSED;
            case ENDED -> Phase.ENDED;
        };
    }

    /** Whether a refusal says that the session has ended (a WebSocket then closes). */
    public static boolean isEnded(HttpProblem problem) {
        return Problems.type(SESSION_ENDED).equals(problem.getType());
    }

    private static HttpProblem ended() {
        return Problems.of(Response.Status.CONFLICT, SESSION_ENDED, "Conflict", "the personal session has ended");
    }

    private static BufferedImage decode(byte[] image) {
        try {
            var decoded = ImageIO.read(new ByteArrayInputStream(image));
            if (decoded == null) {
                throw Problems.badRequest("invalid-image", "the image cannot be decoded");
            }
            // JPEG has no alpha: draw onto an RGB canvas first.
            var rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
            var graphics = rgb.createGraphics();
            graphics.drawImage(decoded, 0, 0, java.awt.Color.WHITE, null);
            graphics.dispose();
            return rgb;
        } catch (IOException e) {
            throw Problems.badRequest("invalid-image", "the image cannot be decoded");
        }
    }

    /** The image as a JPEG of at most {@code maxBytes}, at the best of {@link #QUALITIES} that fits (else 413). */
    static byte[] encodeWithin(BufferedImage rgb, int maxBytes) {
        for (var quality : QUALITIES) {
            var jpeg = Jpegs.encode(rgb, quality);
            if (jpeg.length <= maxBytes) {
                return jpeg;
            }
        }
        throw Problems.of(
                Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "frame-too-large",
                "Payload Too Large",
                "the image does not fit in " + maxBytes + " bytes as a JPEG");
    }

    private static HttpProblem unavailable() {
        return Problems.of(
                Response.Status.SERVICE_UNAVAILABLE,
                "frames-unavailable",
                "Service Unavailable",
                "the frame could not be published, retry later");
    }
}
