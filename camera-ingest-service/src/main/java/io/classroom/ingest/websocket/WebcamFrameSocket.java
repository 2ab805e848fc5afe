package io.classroom.ingest.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.security.CurrentCaller;
import io.classroom.ingest.security.Roles;
import io.classroom.ingest.service.WebcamFrameService;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Streams webcam frames: binary messages are JPEG/PNG frames, text messages the JSON of {@link WebcamFrameMessage}.
 * Each frame gets a JSON reply with the status the REST endpoint would give (the session and the caller's place in it
 * are checked again for every frame). The token comes in the HTTP upgrade (browsers: the {@code Sec-WebSocket-Protocol}
 * header {@code quarkus-http-upgrade#Authorization#Bearer <jwt>}); {@link WebcamUpgradeCheck} refuses the upgrade of a
 * caller who may not send into the session.
 */
@WebSocket(path = "/ws/webcam/{sessionId}", endpointId = WebcamFrameSocket.ENDPOINT_ID)
@RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
public class WebcamFrameSocket {

    static final String ENDPOINT_ID = "webcam-frames";

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

    public WebcamFrameSocket(WebcamFrameService service, CurrentCaller currentCaller, ObjectMapper mapper) {
        this.service = service;
        this.currentCaller = currentCaller;
        this.mapper = mapper;
    }

    /** Replies in text (a returned value would go back as a binary message). */
    @OnBinaryMessage
    public void onFrame(byte[] frame, @PathParam String sessionId, WebSocketConnection connection) {
        connection.sendTextAndAwait(handle(sessionId, frame));
    }

    /** A frame that names a trace ({@code traceparent}) is published within it. */
    @OnTextMessage
    public String onJson(String json, @PathParam String sessionId) {
        WebcamFrameMessage message;
        try {
            message = mapper.readValue(json, WebcamFrameMessage.class);
        } catch (IOException e) {
            return reply(Map.of("status", 400, "detail", "not a JSON frame message"));
        }
        try (var scope = trace(message.traceparent()).makeCurrent()) {
            var data = service.decodeBase64(message.frameBase64());
            return handle(message.sessionId() == null ? sessionId : message.sessionId(), data);
        } catch (HttpProblem problem) {
            return reply(Map.of("status", problem.getStatusCode(), "detail", String.valueOf(problem.getDetail())));
        }
    }

    private String handle(String sessionId, byte[] frame) {
        try {
            var accepted = service.accept(currentCaller.get(), sessionId, frame);
            return reply(Map.of("status", 202, "frameId", accepted.frameId()));
        } catch (HttpProblem problem) {
            return reply(Map.of("status", problem.getStatusCode(), "detail", String.valueOf(problem.getDetail())));
        }
    }

    /** The trace a message names, or the current one when it names none. */
    private static Context trace(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.current();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent.trim(), TRACEPARENT);
    }

    private String reply(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (IOException e) {
            return "{\"status\":500}";
        }
    }
}
