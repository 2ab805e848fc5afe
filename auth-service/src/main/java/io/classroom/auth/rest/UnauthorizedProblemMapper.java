package io.classroom.auth.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 problem bodies for missing or rejected tokens. Replaces resteasy-problem 3.21's reactive security mappers,
 * which fail with {@code NoSuchFieldError: headerName} on Quarkus 3.32 and would answer 500.
 */
public class UnauthorizedProblemMapper {

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return problem();
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return problem();
    }

    private static Response problem() {
        return HttpProblem.builder()
                .withType(URI.create("about:blank"))
                .withTitle("Unauthorized")
                .withStatus(401)
                .withDetail("A valid bearer access token is required.")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build()
                .toResponse();
    }
}
