package io.classroom.auth.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/** Every problem body carries a {@code type}; generic HTTP errors use {@code about:blank} as RFC 9457 says. */
@ApplicationScoped
public class ProblemTypeDefaults implements ProblemPostProcessor {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        if (problem.getType() != null) {
            return problem;
        }
        return HttpProblem.builder(problem).withType(ABOUT_BLANK).build();
    }
}
