package io.classroom.auth.error;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A connection pool whose waiting line is full (Redis under a burst of logins) refuses at once: the request answers
 * 503 with Retry-After, like a full crypto pool, not 500.
 */
public class BusyProblemMapper {

    private static final long RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper(ConnectionPoolTooBusyException.class)
    public Response busy(ConnectionPoolTooBusyException e) {
        return Problems.busy(RETRY_AFTER_SECONDS).toResponse();
    }
}
