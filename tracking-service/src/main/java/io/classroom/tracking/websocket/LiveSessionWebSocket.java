package io.classroom.tracking.websocket;

import io.classroom.tracking.AttendanceStatus;
import io.classroom.tracking.Caller;
import io.classroom.tracking.LiveStudent;
import io.classroom.tracking.repository.ClassSessionRepository;
import io.classroom.tracking.repository.PersonalSessionRepository;
import io.classroom.tracking.rest.Callers;
import io.classroom.tracking.service.ClassSessionQueries;
import io.classroom.tracking.service.LiveFeed;
import io.classroom.tracking.service.LiveStateStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Live feed of a session: a snapshot on connect, then coalesced deltas (see {@link LiveFeed}). Class sessions are
 * for their teacher and admins, personal sessions for their owner; anyone else is closed with 1008. Browsers send
 * the token as the subprotocol {@code quarkus-http-upgrade#Authorization#Bearer <jwt>}.
 */
@WebSocket(path = "/ws/sessions/{sessionId}")
@RolesAllowed({"STUDENT", "TEACHER", "ADMIN"})
public class LiveSessionWebSocket {

    private static final CloseReason FORBIDDEN = new CloseReason(1008, "Not your session");

    private final ClassSessionRepository classSessions;
    private final PersonalSessionRepository personalSessions;
    private final ClassSessionQueries queries;
    private final LiveStateStore store;
    private final LiveFeed feed;
    private final JsonWebToken jwt;

    public LiveSessionWebSocket(
            ClassSessionRepository classSessions,
            PersonalSessionRepository personalSessions,
            ClassSessionQueries queries,
            LiveStateStore store,
            LiveFeed feed,
            JsonWebToken jwt) {
        this.classSessions = classSessions;
        this.personalSessions = personalSessions;
        this.queries = queries;
        this.store = store;
        this.feed = feed;
        this.jwt = jwt;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection, @PathParam String sessionId) {
        UUID id;
        Caller caller;
        try {
            id = UUID.fromString(sessionId);
            caller = Callers.of(jwt);
        } catch (RuntimeException e) {
            return connection.close(FORBIDDEN);
        }
        return Panache.withSession(() -> snapshot(caller, id)).chain(snapshot -> {
            if (snapshot == null) {
                return connection.close(FORBIDDEN);
            }
            // registered before the snapshot goes out, so no delta falls between the two
            feed.register(sessionId, connection);
            return connection.sendText(snapshot);
        });
    }

    private Uni<LiveFeed.LiveMessage> snapshot(Caller caller, UUID id) {
        return classSessions.findInTenant(caller.tenantId(), id).chain(classSession -> {
            if (classSession != null) {
                if (!caller.isAdmin() && !caller.userId().equals(classSession.teacherId)) {
                    return Uni.createFrom().nullItem();
                }
                return queries.live(classSession)
                        .map(view -> new LiveFeed.LiveMessage("snapshot", id.toString(), view.students()))
                        .onFailure()
                        .recoverWithItem(new LiveFeed.LiveMessage("snapshot", id.toString(), List.of()));
            }
            return personalSessions.findInTenant(caller.tenantId(), id).chain(personal -> {
                if (personal == null || !personal.userId.equals(caller.userId())) {
                    return Uni.createFrom().nullItem();
                }
                return store.lastSample(id.toString())
                        .map(sample -> new LiveFeed.LiveMessage(
                                "snapshot",
                                id.toString(),
                                List.of(new LiveStudent(
                                        personal.userId.toString(),
                                        sample != null && sample.face(),
                                        sample != null && sample.attentive(),
                                        0,
                                        AttendanceStatus.PENDING,
                                        sample == null ? null : Instant.ofEpochMilli(sample.t())))));
            });
        });
    }

    @OnClose
    public void onClose(WebSocketConnection connection, @PathParam String sessionId) {
        feed.unregister(sessionId, connection);
    }
}
