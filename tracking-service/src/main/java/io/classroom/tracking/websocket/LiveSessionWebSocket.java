package io.classroom.tracking.websocket;

import io.classroom.tracking.security.Caller;
import io.classroom.tracking.security.CurrentCaller;
import io.classroom.tracking.security.Roles;
import io.classroom.tracking.service.ClassSessionQueries;
import io.classroom.tracking.service.LiveFeed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;

/**
 * Live feed of a session: a snapshot on connect, then coalesced deltas (see {@link LiveFeed}). Class sessions are
 * for their teacher and admins, personal sessions for their owner; anyone else is closed with 1008. Browsers send
 * the token as the subprotocol {@code quarkus-http-upgrade#Authorization#Bearer <jwt>}.
 */
@WebSocket(path = "/ws/sessions/{sessionId}")
@RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
public class LiveSessionWebSocket {

    private static final CloseReason FORBIDDEN = new CloseReason(1008, "Not your session");

    private final ClassSessionQueries queries;
    private final LiveFeed feed;
    private final CurrentCaller currentCaller;

    public LiveSessionWebSocket(ClassSessionQueries queries, LiveFeed feed, CurrentCaller currentCaller) {
        this.queries = queries;
        this.feed = feed;
        this.currentCaller = currentCaller;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection, @PathParam String sessionId) {
        UUID id;
        Caller caller;
        try {
            id = UUID.fromString(sessionId);
            caller = currentCaller.get();
        } catch (RuntimeException e) {
            return connection.close(FORBIDDEN);
        }
        return Panache.withSession(() -> queries.liveSnapshot(caller, id)).chain(snapshot -> {
            if (snapshot == null) {
                return connection.close(FORBIDDEN);
            }
            // registered before the snapshot goes out, so no delta falls between the two
            feed.register(sessionId, connection);
            return connection.sendText(snapshot);
        });
    }

    @OnClose
    public void onClose(WebSocketConnection connection, @PathParam String sessionId) {
        feed.unregister(sessionId, connection);
    }
}
