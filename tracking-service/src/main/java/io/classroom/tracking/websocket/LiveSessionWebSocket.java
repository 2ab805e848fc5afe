package io.classroom.tracking.websocket;

import io.classroom.tracking.config.TrackingConfig;
import io.classroom.tracking.security.Caller;
import io.classroom.tracking.security.CurrentCaller;
import io.classroom.tracking.security.Roles;
import io.classroom.tracking.service.ClassSessionQueries;
import io.classroom.tracking.service.LiveFeed;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.UUID;

/**
 * Live feed of a session: a snapshot on connect, then coalesced deltas (see {@link LiveFeed}). Class sessions are
 * for their teacher and admins, personal sessions for their owner; anyone else is closed with 1008. A session not known
 * here yet is looked up again for up to {@code tracking.session-wait}, without holding a thread: a client opens the
 * feed right after starting the session, while its start event may still be on its way; after that it is closed with
 * 4404. Browsers send the token as the subprotocol {@code quarkus-http-upgrade#Authorization#Bearer <jwt>}.
 */
@WebSocket(path = "/ws/sessions/{sessionId}")
@RolesAllowed({Roles.STUDENT, Roles.TEACHER, Roles.ADMIN})
public class LiveSessionWebSocket {

    private static final CloseReason FORBIDDEN = new CloseReason(1008, "Not your session");
    private static final CloseReason NOT_FOUND = new CloseReason(4404, "No such session");
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofMillis(500);

    private final ClassSessionQueries queries;
    private final LiveFeed feed;
    private final CurrentCaller currentCaller;
    private final Duration sessionWait;

    public LiveSessionWebSocket(
            ClassSessionQueries queries, LiveFeed feed, CurrentCaller currentCaller, TrackingConfig config) {
        this.queries = queries;
        this.feed = feed;
        this.currentCaller = currentCaller;
        this.sessionWait = config.sessionWait();
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
        return Panache.withSession(() -> queries.liveSnapshot(caller, id))
                .onFailure(LiveSessionWebSocket::notFound)
                .retry()
                .withBackOff(FIRST_RETRY, LONGEST_RETRY)
                .expireIn(sessionWait.toMillis())
                .onItemOrFailure()
                .transformToUni((snapshot, failure) -> {
                    if (failure != null) {
                        // Once the wait is over Mutiny fails with "Retries exhausted", the last 404 as its cause.
                        return notFound(failure) || notFound(failure.getCause())
                                ? connection.close(NOT_FOUND)
                                : Uni.createFrom().failure(failure);
                    }
                    if (snapshot == null) {
                        return connection.close(FORBIDDEN);
                    }
                    // registered before the snapshot goes out, so no delta falls between the two
                    feed.register(sessionId, connection);
                    return connection.sendText(snapshot);
                });
    }

    private static boolean notFound(Throwable failure) {
        return failure instanceof HttpProblem problem && problem.getStatusCode() == 404;
    }

    @OnClose
    public void onClose(WebSocketConnection connection, @PathParam String sessionId) {
        feed.unregister(sessionId, connection);
    }
}
