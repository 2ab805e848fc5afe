package io.classroom.analytics.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Missing or rejected tokens get a 401 problem body. Takes precedence over resteasy-problem 3.21's own security
 * mappers, which break on Quarkus 3.32 ({@code NoSuchFieldError: headerName}) and would answer 500.
 */
public class UnauthorizedMapper {

    @ServerExceptionMapper(priority = 1)
    public Response missingToken(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response rejectedToken(AuthenticationFailedException e) {
        return unauthorized();
    }

    private static Response unauthorized() {
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
