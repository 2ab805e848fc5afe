package io.classroom.ingest.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.ingest.rest.WebcamFrameRequest;
import io.classroom.ingest.service.WebcamFrameService;
import io.classroom.ingest.service.WebcamFrameService.Sender;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Streams webcam frames: binary messages are JPEG/PNG frames, text messages the same JSON as the REST endpoint.
 * Each frame gets a JSON reply with the status the REST endpoint would give. The token comes in the HTTP upgrade
 * (browsers: the {@code Sec-WebSocket-Protocol} header {@code quarkus-http-upgrade#Authorization#Bearer <jwt>}).
 */
@WebSocket(path = "/ws/webcam/{sessionId}")
@RolesAllowed({"STUDENT", "TEACHER", "ADMIN"})
public class WebcamFrameSocket {

    /** Policy violation: the caller may not send for this session. */
    private static final int POLICY_VIOLATION = 1008;

    private final WebcamFrameService service;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public WebcamFrameSocket(WebcamFrameService service, SecurityIdentity identity, ObjectMapper mapper) {
        this.service = service;
        this.identity = identity;
        this.mapper = mapper;
    }

    /** Closes at once (1008) when the caller may not send for this session; the check runs off the event loop. */
    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection, @PathParam String sessionId) {
        var sender = sender();
        return Uni.createFrom()
                .item(() -> refusal(sender, sessionId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(refusal -> refusal == null
                        ? Uni.createFrom().voidItem()
                        : connection.close(new CloseReason(POLICY_VIOLATION, refusal)));
    }

    private String refusal(Sender sender, String sessionId) {
        try {
            service.checkSession(sender, sessionId);
            return null;
        } catch (HttpProblem problem) {
            return problem.getDetail();
        }
    }

    /** Replies in text (a returned value would go back as a binary message). */
    @OnBinaryMessage
    public void onFrame(byte[] frame, @PathParam String sessionId, WebSocketConnection connection) {
        connection.sendTextAndAwait(handle(sessionId, frame));
    }

    @OnTextMessage
    public String onJson(String json, @PathParam String sessionId) {
        WebcamFrameRequest request;
        try {
            request = mapper.readValue(json, WebcamFrameRequest.class);
        } catch (IOException e) {
            return reply(Map.of("status", 400, "detail", "not a JSON frame message"));
        }
        try {
            var data = service.decodeBase64(request.frameBase64());
            return handle(request.sessionId() == null ? sessionId : request.sessionId(), data);
        } catch (HttpProblem problem) {
            return reply(Map.of("status", problem.getStatusCode(), "detail", String.valueOf(problem.getDetail())));
        }
    }

    private String handle(String sessionId, byte[] frame) {
        try {
            var accepted = service.accept(sender(), sessionId, frame);
            return reply(Map.of("status", 202, "frameId", accepted.frameId()));
        } catch (HttpProblem problem) {
            return reply(Map.of("status", problem.getStatusCode(), "detail", String.valueOf(problem.getDetail())));
        }
    }

    private Sender sender() {
        var jwt = (JsonWebToken) identity.getPrincipal();
        Object tenant = jwt.getClaim("tenant");
        boolean student = !(identity.hasRole("TEACHER") || identity.hasRole("ADMIN"));
        return new Sender(tenant == null ? "" : tenant.toString(), jwt.getSubject(), student);
    }

    private String reply(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (IOException e) {
            return "{\"status\":500}";
        }
    }
}
