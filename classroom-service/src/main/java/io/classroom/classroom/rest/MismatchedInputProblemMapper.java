package io.classroom.classroom.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem bodies the extensions do not give. quarkus-resteasy-problem 3.21's 401 mappers fail on Quarkus 3.32
 * ({@code NoSuchFieldError: headerName}, answered as a bare 500), and a JSON body of the wrong shape gets an empty
 * 400 from Quarkus REST; these mappers take precedence (lower priority value) and answer problem+json.
 */
public class ProblemMappers {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ServerExceptionMapper(
            value = {UnauthorizedException.class, AuthenticationFailedException.class},
            priority = 4000)
    public Response unauthorized(RuntimeException e) {
        return HttpProblem.builder()
                .withType(ABOUT_BLANK)
                .withStatus(Response.Status.UNAUTHORIZED)
                .withTitle("Unauthorized")
                .withDetail("a valid bearer access token is required")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build()
                .toResponse();
    }

    @ServerExceptionMapper(priority = 4000)
    public Response mismatchedInput(MismatchedInputException e) {
        var field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> a + "." + b)
                .orElse("body");
        return HttpProblem.builder()
                .withType(ABOUT_BLANK)
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(field + ": " + e.getOriginalMessage())
                .build()
                .toResponse();
    }
}
