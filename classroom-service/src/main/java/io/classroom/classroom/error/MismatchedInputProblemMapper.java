package io.classroom.classroom.error;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A JSON body of the wrong shape gets an empty 400 from Quarkus REST; this mapper takes precedence (lower priority
 * value) and answers problem+json naming the field.
 */
public class MismatchedInputProblemMapper {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

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
