package io.classroom.vision.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.vision.security.CurrentCaller;
import io.classroom.vision.security.Roles;
import io.classroom.vision.service.AnalysedFace;
import io.classroom.vision.service.Base64Images;
import io.classroom.vision.service.FrameResult;
import io.classroom.vision.service.VisionService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The webcam detection protocol of the former single-webcam system: the client sends
 * {@code {"type":"frame","image":"data:image/jpeg;base64,...","timestamp":N}} and gets
 * {@code {"type":"detection_result","faces":[{x,y,width,height,confidence,eyes:[...]}],"timestamp":N}} with
 * coordinates as fractions of the frame (plus pose, gaze and attention). A frame may name a running session
 * ({@code "sessionId"}): its teacher, or an admin, then gets each recognised face's {@code identity} (roster only);
 * an admin gets identities without a session too. Everyone else gets faces without identity, as before. A malformed
 * message, or an image over 1920x1080, gets {@code {"type":"error","message":...}} and the connection stays open.
 *
 * <p>Webcam frames are large: a 1280x720 JPEG is about 80 KB, more than a 64 KiB WebSocket frame once in base64, and
 * browsers send each message as one frame. Frames may therefore have twice the size of a message
 * ({@code quarkus.websockets-next.server.max-frame-size}, 8 MiB) while a message is at most 4 MiB
 * ({@code max-message-size}): Vert.x refuses a longer message, whether in one frame or several, before it reaches
 * {@link #onFrame}, and {@link #onTooBig} then answers an error message and closes with 1009 (message too big) rather
 * than leaving the client without an answer. Only a single frame beyond 8 MiB is cut off by the transport itself.
 */
@WebSocket(path = "/ws/face-detection/{clientId}")
@RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
public class FaceDetectionWebSocket {

    private static final double EYE_WIDTH = 0.42;
    private static final double EYE_HEIGHT = 0.26;

    /** RFC 6455 close code: the message is too big to process. */
    static final int MESSAGE_TOO_BIG = 1009;

    private final VisionService vision;
    private final CurrentCaller caller;
    private final ObjectMapper json;
    private final int maxMessageSize;

    public FaceDetectionWebSocket(
            VisionService vision,
            CurrentCaller caller,
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") int maxMessageSize) {
        this.vision = vision;
        this.caller = caller;
        this.json = json;
        this.maxMessageSize = maxMessageSize;
    }

    @OnTextMessage
    public Uni<String> onFrame(String message) {
        JsonNode request;
        try {
            request = json.readTree(message);
        } catch (Exception e) {
            return Uni.createFrom().item(error("message is not JSON"));
        }
        if (request == null
                || !request.isObject()
                || !"frame".equals(request.path("type").asText())) {
            return Uni.createFrom().item(error("expected a message of type 'frame'"));
        }
        var image = request.get("image");
        if (image == null || !image.isTextual() || image.asText().isEmpty()) {
            return Uni.createFrom().item(error("'image' must be a base64 data URL"));
        }
        UUID sessionId = null;
        var sessionField = request.get("sessionId");
        if (sessionField != null && !sessionField.isNull()) {
            try {
                sessionId = UUID.fromString(sessionField.asText());
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().item(error("'sessionId' must be a UUID"));
            }
        }
        var timestamp = request.get("timestamp");
        byte[] bytes;
        try {
            bytes = Base64Images.decode(image.asText(), "image");
        } catch (HttpProblem e) {
            return Uni.createFrom().item(error(e.getDetail()));
        }
        var session = sessionId;
        return Uni.createFrom()
                .deferred(() -> vision.detect(caller.get(), bytes, session))
                .map(frame -> result(frame, timestamp))
                .onFailure()
                .recoverWithItem(failure ->
                        error(failure instanceof HttpProblem p ? p.getDetail() : "frame could not be analysed"));
    }

    /**
     * A message over {@code max-message-size}: Vert.x dropped it and reports it here; the client learns why, and the
     * connection closes with 1009. Any other failure keeps the default handling (logged, connection closed).
     */
    @OnError
    public Uni<Void> onTooBig(IllegalStateException failure, WebSocketConnection connection) {
        if (!isMessageTooBig(failure)) {
            return Uni.createFrom().failure(failure);
        }
        return connection
                .sendText(error("message too big: at most %d bytes (a base64 1920x1080 JPEG needs far less)"
                        .formatted(maxMessageSize)))
                .onFailure()
                .recoverWithNull()
                .chain(() -> connection.close(new CloseReason(MESSAGE_TOO_BIG, "message too big")));
    }

    /** Vert.x's report of a message beyond {@code max-message-size} (it names no type of its own). */
    static boolean isMessageTooBig(Throwable failure) {
        return failure instanceof IllegalStateException
                && failure.getMessage() != null
                && failure.getMessage().contains("max message size");
    }

    private String result(FrameResult frame, JsonNode timestamp) {
        var faces = new JsonArray();
        for (var face : frame.faces()) {
            faces.add(face(face, frame.width(), frame.height()));
        }
        return new JsonObject()
                .put("type", "detection_result")
                .put("faces", faces)
                .put("timestamp", timestamp == null || !timestamp.isNumber() ? null : timestamp.numberValue())
                .encode();
    }

    private static JsonObject face(AnalysedFace face, int width, int height) {
        var a = face.analysis();
        var d = a.face();
        double iod = d.interOcular();
        var eyes = new JsonArray();
        for (int i = 0; i < 2; i++) {
            double w = iod * EYE_WIDTH;
            double h = iod * EYE_HEIGHT;
            eyes.add(new JsonObject()
                    .put("x", round((d.landmarkX(i) - w / 2) / width))
                    .put("y", round((d.landmarkY(i) - h / 2) / height))
                    .put("width", round(w / width))
                    .put("height", round(h / height)));
        }
        var out = new JsonObject()
                .put("x", round(d.x() / width))
                .put("y", round(d.y() / height))
                .put("width", round(d.width() / width))
                .put("height", round(d.height() / height))
                .put("confidence", round(d.score()))
                .put("eyes", eyes)
                .put("yawDeg", round(a.pose().yawDeg()))
                .put("pitchDeg", round(a.pose().pitchDeg()))
                .put("rollDeg", round(a.pose().rollDeg()))
                .put("attentive", face.attentive());
        if (a.gaze() != null) {
            out.put("gaze", a.gaze().direction().name());
        }
        if (face.identity() != null) {
            out.put(
                    "identity",
                    new JsonObject()
                            .put("userId", face.identity().userId().toString())
                            .put("similarity", round(face.identity().similarity())));
        }
        return out;
    }

    private static String error(String message) {
        return new JsonObject().put("type", "error").put("message", message).encode();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
