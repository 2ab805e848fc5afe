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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

/**
 * Webcam frames of students without room cameras: checks size, session, roster, rate and image, then publishes on
 * ingest.frames.v1 with sourceId {@code webcam:<userId>}. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class WebcamFrameService {

    private final IngestConfig.Webcam config;
    private final SessionStore sessions;
    private final WebcamRateLimiter rateLimiter;
    private final FrameSink sink;

    public WebcamFrameService(
            IngestConfig config, SessionStore sessions, WebcamRateLimiter rateLimiter, FrameSink sink) {
        this.config = config.webcam();
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.sink = sink;
    }

    /** A published frame. */
    public record Accepted(String frameId, String sourceId, String sessionId, int width, int height) {}

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
     * names), so its path through vision and tracking continues that trace.
     */
    public Accepted accept(Caller caller, String sessionId, byte[] data) {
        checkSize(data == null ? 0 : data.length);
        if (data == null || data.length == 0) {
            throw Problems.badRequest("empty-frame", "the frame is empty");
        }
        checkSession(caller, sessionId);
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
        var jpeg = ImageInfo.PNG.equals(info.contentType()) ? pngToJpeg(data) : data;
        var sourceId = "webcam:" + userId;
        var now = Instant.now();
        var frame = new Frame(
                sourceId + ":" + UUID.randomUUID(),
                sourceId,
                caller.tenantId(),
                sessionId,
                userId,
                now,
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
     * Who may send frames into a session: it must be active in the caller's tenant (else 404); then only a student on
     * its roster or the teacher who holds it (else 403), each for themselves (a frame is always the caller's own,
     * {@code webcam:<userId>}). Other teachers and the tenant's admins see no classroom through a webcam, and a frame
     * of anyone else could only feed false faces into the session's attendance.
     */
    public void checkSession(Caller caller, String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw Problems.badRequest("missing-session", "sessionId is required");
        }
        try {
            UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("invalid-session", "sessionId must be a UUID");
        }
        var session = sessions.find(sessionId)
                .filter(s -> s.tenantId().equals(caller.tenantId()))
                .orElseThrow(() -> Problems.notFound("active session"));
        var userId = caller.userId().toString();
        boolean teacherOfSession = caller.isTeacher() && userId.equals(session.teacherId());
        boolean onRoster = caller.roles().contains(Roles.STUDENT) && sessions.inRoster(session.sessionId(), userId);
        if (!teacherOfSession && !onRoster) {
            throw Problems.forbidden(
                    "not-in-session", "only the session's students and its teacher send frames into it");
        }
    }

    private static byte[] pngToJpeg(byte[] png) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw Problems.badRequest("invalid-image", "the PNG image cannot be decoded");
            }
            // JPEG has no alpha: draw onto an RGB canvas first.
            var rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            var graphics = rgb.createGraphics();
            graphics.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
            graphics.dispose();
            var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            var params = writer.getDefaultWriteParam();
            params.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            params.setCompressionQuality(0.85f);
            var out = new ByteArrayOutputStream();
            try (var stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(rgb, null, null), params);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw Problems.badRequest("invalid-image", "the PNG image cannot be decoded");
        }
    }

    private static HttpProblem unavailable() {
        return Problems.of(
                Response.Status.SERVICE_UNAVAILABLE,
                "frames-unavailable",
                "Service Unavailable",
                "the frame could not be published, retry later");
    }
}
