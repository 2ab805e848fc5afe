package io.classroom.vision.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 problem bodies for missing or rejected tokens. Takes precedence over resteasy-problem 3.21's own security
 * mappers, which fail with {@code NoSuchFieldError: headerName} on Quarkus 3.32 and would answer 500. The same class
 * in every service (no Java module is shared between services, ADR 0002).
 */
public class UnauthorizedProblemMapper {

    @ServerExceptionMapper(
            value = {UnauthorizedException.class, AuthenticationFailedException.class},
            priority = 1)
    public Response unauthorized(RuntimeException e) {
        return HttpProblem.builder()
                .withType(URI.create("about:blank"))
                .withTitle("Unauthorized")
                .withStatus(Response.Status.UNAUTHORIZED)
                .withDetail("A valid bearer access token is required")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build()
                .toResponse();
    }
}
