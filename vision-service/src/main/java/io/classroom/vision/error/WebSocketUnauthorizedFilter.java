package io.classroom.vision.error;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A WebSocket upgrade without any token answers 401 with the same problem body as the REST API
 * ({@link UnauthorizedProblemMapper}): websockets-next would refuse it with a bare status. Runs before authentication
 * (after CORS); a request carrying a token, in the {@code Authorization} header or the browser's
 * {@code quarkus-http-upgrade#Authorization#...} subprotocol, goes on to be verified as usual.
 */
@ApplicationScoped
public class WebSocketUnauthorizedFilter {

    /** Every WebSocket of this service needs an authenticated caller. */
    private static final String AUTHENTICATED_SOCKETS = "/ws/face-detection/";

    private static final int BEFORE_AUTHENTICATION = 250;
    private static final String TOKEN_SUBPROTOCOL = "quarkus-http-upgrade#Authorization#";

    void register(@Observes Filters filters) {
        filters.register(this::refuseWithoutToken, BEFORE_AUTHENTICATION);
    }

    private static boolean carriesToken(RoutingContext context) {
        var request = context.request();
        var subprotocols = request.getHeader("Sec-WebSocket-Protocol");
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || (subprotocols != null && subprotocols.contains(TOKEN_SUBPROTOCOL));
    }

    private void refuseWithoutToken(RoutingContext context) {
        if (!context.normalizedPath().startsWith(AUTHENTICATED_SOCKETS) || carriesToken(context)) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader("WWW-Authenticate", "Bearer")
                .end(new JsonObject()
                        .put("type", "about:blank")
                        .put("title", "Unauthorized")
                        .put("status", 401)
                        .put("detail", "A valid bearer access token is required")
                        .encode());
    }
}
