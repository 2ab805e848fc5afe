package io.classroom.classroom.error;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import io.quarkiverse.resteasy.problem.validation.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem body carries a {@code type} (generic HTTP errors use {@code about:blank} as RFC 9457 says) and a
 * {@code detail}: validation problems list their violations there, other generic errors repeat their title.
 */
@ApplicationScoped
public class ProblemTypeDefaults implements ProblemPostProcessor {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        if (problem.getType() != null && problem.getDetail() != null) {
            return problem;
        }
        var builder = HttpProblem.builder(problem);
        if (problem.getType() == null) {
            builder.withType(ABOUT_BLANK);
        }
        if (problem.getDetail() == null) {
            builder.withDetail(detailOf(problem));
        }
        return builder.build();
    }

    private static String detailOf(HttpProblem problem) {
        if (problem.getParameters().get("violations") instanceof List<?> violations && !violations.isEmpty()) {
            return violations.stream()
                    .map(v -> v instanceof Violation violation
                            ? violation.field + ": " + violation.message
                            : v.toString())
                    .collect(Collectors.joining("; "));
        }
        return problem.getTitle() != null ? problem.getTitle() : "HTTP " + problem.getStatusCode();
    }
}
