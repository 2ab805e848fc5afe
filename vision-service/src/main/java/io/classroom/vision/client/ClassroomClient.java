package io.classroom.vision.client;

import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.error.Problems;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks classroom-service whether a student is on one of the caller's rosters. The caller's own access token is
 * forwarded, so classroom-service answers within the caller's rights (a teacher sees the classes they teach). No
 * answer in time, an error status or an unreachable service refuses (503), never allows.
 */
@ApplicationScoped
public class ClassroomClient {

    private final ClassroomApi api;
    private final Duration timeout;

    @Inject
    public ClassroomClient(@RestClient ClassroomApi api, VisionConfig config) {
        this(api, config.classroom().timeout());
    }

    ClassroomClient(ClassroomApi api, Duration timeout) {
        this.api = api;
        this.timeout = timeout;
    }

    /**
     * Whether the caller (by {@code accessToken}) has {@code studentId} on the roster of one of their classes.
     *
     * @return fails with a 503 problem when classroom-service cannot answer
     */
    public Uni<Boolean> hasStudentOnARoster(String accessToken, UUID studentId) {
        return Uni.createFrom()
                .deferred(() -> api.classesWithStudent("Bearer " + accessToken, studentId, 1))
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(page -> page != null && page.total() > 0)
                .onFailure()
                .transform(failure -> {
                    // The message names the failure only: no token, no URL with credentials.
                    Log.warnf(
                            "vision: roster check of student %s failed, refused: %s",
                            studentId, failure.getClass().getSimpleName());
                    return Problems.classroomUnavailable();
                });
    }
}
