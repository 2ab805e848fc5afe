package io.classroom.ingest.websocket;

import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.security.Caller;
import io.classroom.ingest.security.CurrentCaller;
import io.classroom.ingest.service.WebcamFrameService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides the webcam WebSocket's HTTP upgrade like the REST endpoint decides an upload, so a refused caller gets the
 * same status (404 another tenant's or no active session, 403 not in the session, 409 an ended personal session, 400 a
 * bad session id) and never a connection. Runs after the role check of {@code @RolesAllowed} (401 without a token);
 * the session lookup runs on a worker thread. A session not known here yet is looked up again for up to
 * {@code ingest.webcam.session-wait} (its start event may still be on its way), without holding a thread meanwhile.
 */
@ApplicationScoped
public class WebcamUpgradeCheck implements HttpUpgradeCheck {

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofMillis(500);

    private final WebcamFrameService service;
    private final Duration sessionWait;

    public WebcamUpgradeCheck(WebcamFrameService service, IngestConfig config) {
        this.service = service;
        this.sessionWait = config.webcam().sessionWait();
    }

    /** A session this service does not know (yet). */
    private static final class NotKnownYet extends RuntimeException {
        NotKnownYet() {
            super(null, null, false, false);
        }
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return WebcamFrameSocket.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                return CheckResult.rejectUpgrade(401);
            }
            Caller caller;
            try {
                caller = CurrentCaller.of(token);
            } catch (NotAuthorizedException e) {
                return CheckResult.rejectUpgrade(401);
            }
            var sessionId = context.pathParam("sessionId");
            return Uni.createFrom()
                    .item(() -> refusal(caller, sessionId))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .onItem()
                    .invoke(status -> {
                        if (status != null && status == 404) {
                            throw new NotKnownYet();
                        }
                    })
                    .onFailure(NotKnownYet.class)
                    .retry()
                    .withBackOff(FIRST_RETRY, LONGEST_RETRY)
                    .expireIn(sessionWait.toMillis())
                    // Once the wait is over Mutiny fails with "Retries exhausted", the last NotKnownYet as its cause.
                    .onFailure(failure -> failure instanceof NotKnownYet || failure.getCause() instanceof NotKnownYet)
                    .recoverWithItem(404)
                    .map(status ->
                            status == null ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(status));
        });
    }

    /** The HTTP status the caller is refused with, or null when they may send into the session. */
    private Integer refusal(Caller caller, String sessionId) {
        try {
            service.checkConnect(caller, sessionId);
            return null;
        } catch (HttpProblem problem) {
            return problem.getStatusCode();
        }
    }
}
