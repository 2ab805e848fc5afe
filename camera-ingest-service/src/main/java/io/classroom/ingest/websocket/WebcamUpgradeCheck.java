package io.classroom.ingest.websocket;

import io.classroom.ingest.security.Caller;
import io.classroom.ingest.security.CurrentCaller;
import io.classroom.ingest.service.WebcamFrameService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides the webcam WebSocket's HTTP upgrade like the REST endpoint decides an upload, so a refused caller gets the
 * same status (404 another tenant's or no active session, 403 not in the session, 400 a bad session id) and never a
 * connection. Runs after the role check of {@code @RolesAllowed} (401 without a token); the session lookup runs on a
 * worker thread.
 */
@ApplicationScoped
public class WebcamUpgradeCheck implements HttpUpgradeCheck {

    private final WebcamFrameService service;

    public WebcamUpgradeCheck(WebcamFrameService service) {
        this.service = service;
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
                    .map(status ->
                            status == null ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(status));
        });
    }

    /** The HTTP status the caller is refused with, or null when they may send into the session. */
    private Integer refusal(Caller caller, String sessionId) {
        try {
            service.checkSession(caller, sessionId);
            return null;
        } catch (HttpProblem problem) {
            return problem.getStatusCode();
        }
    }
}
