package io.classroom.tracking.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 problem bodies. quarkus-resteasy-problem 3.21's own mappers for these exceptions fail on Quarkus 3.32
 * ({@code NoSuchFieldError: headerName}) and answer 500, so these take precedence.
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return problem();
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return problem();
    }

    private static Response problem() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type("application/problem+json")
                .entity(Map.of(
                        "type", "about:blank",
                        "title", "Unauthorized",
                        "status", 401,
                        "detail", "A valid bearer token is required"))
                .build();
    }
}
