package io.classroom.ingest.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.error.Problems;
import io.classroom.ingest.security.CurrentCaller;
import io.classroom.ingest.security.Roles;
import io.classroom.ingest.service.WebcamFrameService;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Streams webcam frames: binary messages are JPEG/PNG frames, text messages the JSON of {@link WebcamFrameMessage}.
 * Each frame gets a JSON reply with the status the REST endpoint would give (the session and the caller's place in it
 * are checked again for every frame): {@code {"status":202,"frameId":...}}, or {@code status}, {@code type} and
 * {@code detail} of the refusal. A paused personal session's frames are answered {@code 409} "paused: frame ignored";
 * once the session has ended the reply is {@code 409} and the server closes the connection (1000). A message above
 * {@code quarkus.websockets-next.server.max-message-size} (4 MiB) is answered {@code 413} and the connection closed
 * with 1009. The token comes in the HTTP upgrade (browsers: the {@code Sec-WebSocket-Protocol} header
 * {@code quarkus-http-upgrade#Authorization#Bearer <jwt>}); {@link WebcamUpgradeCheck} refuses the upgrade of a caller
 * who may not send into the session.
 */
@WebSocket(path = "/ws/webcam/{sessionId}", endpointId = WebcamFrameSocket.ENDPOINT_ID)
@RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
public class WebcamFrameSocket {

    static final String ENDPOINT_ID = "webcam-frames";

    /** RFC 6455: the message is too big to process. */
    static final int MESSAGE_TOO_BIG = 1009;

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final WebcamFrameService service;
    private final CurrentCaller currentCaller;
    private final ObjectMapper mapper;
    private final int maxMessageSize;

    public WebcamFrameSocket(
            WebcamFrameService service,
            CurrentCaller currentCaller,
            ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") int maxMessageSize) {
        this.service = service;
        this.currentCaller = currentCaller;
        this.mapper = mapper;
        this.maxMessageSize = maxMessageSize;
    }

    /** Replies in text (a returned value would go back as a binary message). */
    @OnBinaryMessage
    public void onFrame(byte[] frame, @PathParam String sessionId, WebSocketConnection connection) {
        handle(sessionId, frame, connection);
    }

    /** A frame that names a trace ({@code traceparent}) is published within it. */
    @OnTextMessage
    public void onJson(String json, @PathParam String sessionId, WebSocketConnection connection) {
        WebcamFrameMessage message;
        try {
            message = mapper.readValue(json, WebcamFrameMessage.class);
        } catch (IOException e) {
            connection.sendTextAndAwait(reply(Map.of("status", 400, "detail", "not a JSON frame message")));
            return;
        }
        try (var scope = trace(message.traceparent()).makeCurrent()) {
            byte[] data;
            try {
                data = service.decodeBase64(message.frameBase64());
            } catch (HttpProblem problem) {
                connection.sendTextAndAwait(refusal(problem));
                return;
            }
            handle(message.sessionId() == null ? sessionId : message.sessionId(), data, connection);
        }
    }

    /**
     * Vert.x refuses a message above the configured maximum before any handler sees it and reports that here (an
     * {@link IllegalStateException} saying "max message size"): the client is told, then the connection closes with
     * 1009, never silently. Any other failure of the connection is logged and the connection closed with 1011.
     */
    @OnError
    public Uni<Void> onError(IllegalStateException error, WebSocketConnection connection) {
        if (String.valueOf(error.getMessage()).contains("max message size")) {
            var detail = "a message may have at most " + maxMessageSize + " bytes";
            return connection
                    .sendText(reply(Map.of(
                            "status",
                            413,
                            "type",
                            Problems.type("frame-too-large").toString(),
                            "detail",
                            detail)))
                    .chain(() -> connection.close(new CloseReason(MESSAGE_TOO_BIG, "message too big")));
        }
        Log.warnf("webcam connection failed: %s", error.toString());
        return connection.close(new CloseReason(CloseReason.INTERNAL_SERVER_ERROR.getCode(), "internal error"));
    }

    private void handle(String sessionId, byte[] frame, WebSocketConnection connection) {
        try {
            var accepted = service.accept(currentCaller.get(), sessionId, frame);
            connection.sendTextAndAwait(reply(Map.of("status", 202, "frameId", accepted.frameId())));
        } catch (HttpProblem problem) {
            connection.sendTextAndAwait(refusal(problem));
            if (WebcamFrameService.isEnded(problem)) {
                connection.closeAndAwait(new CloseReason(CloseReason.NORMAL.getCode(), "session ended"));
            }
        }
    }

    /** The trace a message names, or the current one when it names none. */
    private static Context trace(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.current();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent.trim(), TRACEPARENT);
    }

    private String refusal(HttpProblem problem) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", problem.getStatusCode());
        if (problem.getType() != null) {
            body.put("type", problem.getType().toString());
        }
        body.put("detail", String.valueOf(problem.getDetail()));
        return reply(body);
    }

    private String reply(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (IOException e) {
            return "{\"status\":500}";
        }
    }
}
