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
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;

/**
 * The webcam detection protocol of the former single-webcam system: the client sends
 * {@code {"type":"frame","image":"data:image/jpeg;base64,...","timestamp":N}} and gets
 * {@code {"type":"detection_result","faces":[{x,y,width,height,confidence,eyes:[...]}],"timestamp":N}} with
 * coordinates as fractions of the frame (plus pose, gaze and attention). A frame may name a running session
 * ({@code "sessionId"}): its teacher, or an admin, then gets each recognised face's {@code identity} (roster only);
 * an admin gets identities without a session too. Everyone else gets faces without identity, as before. A malformed
 * message gets {@code {"type":"error","message":...}} and the connection stays open.
 */
@WebSocket(path = "/ws/face-detection/{clientId}")
@RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
public class FaceDetectionWebSocket {

    private static final double EYE_WIDTH = 0.42;
    private static final double EYE_HEIGHT = 0.26;

    private final VisionService vision;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    public FaceDetectionWebSocket(VisionService vision, CurrentCaller caller, ObjectMapper json) {
        this.vision = vision;
        this.caller = caller;
        this.json = json;
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
