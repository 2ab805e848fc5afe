package io.classroom.vision.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 as a problem body. quarkus-resteasy-problem 3.21.0's own mapper reads a field Quarkus 3.32 no longer has
 * ({@code NoSuchFieldError: headerName}) and would answer 500; this mapper takes precedence.
 */
public class UnauthorizedMapper {

    @ServerExceptionMapper(
            value = {UnauthorizedException.class, AuthenticationFailedException.class},
            priority = 1)
    public Response unauthorized(RuntimeException e) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .type("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .entity(Map.of(
                        "type", "about:blank",
                        "title", "Unauthorized",
                        "status", 401,
                        "detail", "a valid bearer access token is required"))
                .build();
    }
}
