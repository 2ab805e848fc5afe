package io.classroom.ingest.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 problem bodies for missing or rejected tokens. resteasy-problem 3.21's own mappers for these exceptions break
 * on Quarkus 3.32 ({@code NoSuchFieldError: headerName}) and would answer 500; these take precedence.
 */
public class UnauthorizedProblemMapper {

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    private static Response unauthorized() {
        return HttpProblem.builder()
                .withType(URI.create("about:blank"))
                .withTitle("Unauthorized")
                .withStatus(Response.Status.UNAUTHORIZED)
                .withDetail("a valid bearer access token is required")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build()
                .toResponse();
    }
}
