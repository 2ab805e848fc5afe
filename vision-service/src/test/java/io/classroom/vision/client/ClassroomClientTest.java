package io.classroom.vision.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The roster check's decisions without classroom-service: the caller's token is forwarded as a bearer token for one
 * class with the student; a positive total allows; no answer in time, an error status or an unreachable service refuse
 * with 503 and never allow.
 */
class ClassroomClientTest {

    private static final UUID STUDENT = UUID.randomUUID();
    private static final Duration PATIENT = Duration.ofSeconds(60);

    private record Call(String authorization, UUID student, int size) {}

    @Test
    void forwardsTheCallersTokenAndAllowsOnlyWhenAClassHasTheStudent() {
        var calls = new ArrayList<Call>();
        ClassroomApi api = (authorization, student, size) -> {
            calls.add(new Call(authorization, student, size));
            return Uni.createFrom().item(new ClassPage(2));
        };

        assertThat(new ClassroomClient(api, PATIENT)
                        .hasStudentOnARoster("the.callers.token", STUDENT)
                        .await()
                        .atMost(PATIENT))
                .isTrue();
        assertThat(calls).containsExactly(new Call("Bearer the.callers.token", STUDENT, 1));

        ClassroomApi none = (authorization, student, size) -> Uni.createFrom().item(new ClassPage(0));
        assertThat(new ClassroomClient(none, PATIENT)
                        .hasStudentOnARoster("token", STUDENT)
                        .await()
                        .atMost(PATIENT))
                .isFalse();
    }

    @Test
    void everyFailureRefusesWith503() {
        for (ClassroomApi failing : List.<ClassroomApi>of(
                (a, s, n) -> Uni.createFrom().failure(new ProcessingException("Connection refused")),
                (a, s, n) -> Uni.createFrom().failure(new WebApplicationException(500)),
                (a, s, n) -> Uni.createFrom().failure(new WebApplicationException(401)),
                (a, s, n) -> {
                    throw new IllegalStateException("no URL configured for classroom");
                })) {
            assertThatThrownBy(() -> new ClassroomClient(failing, PATIENT)
                            .hasStudentOnARoster("token", STUDENT)
                            .await()
                            .atMost(PATIENT))
                    .isInstanceOfSatisfying(HttpProblem.class, p -> {
                        assertThat(p.getStatusCode()).isEqualTo(503);
                        assertThat(p.getDetail()).doesNotContain("token");
                    });
        }
    }

    @Test
    void noAnswerInTimeRefusesWith503() {
        ClassroomApi silent = (a, s, n) -> Uni.createFrom().nothing();
        assertThatThrownBy(() -> new ClassroomClient(silent, Duration.ofMillis(50))
                        .hasStudentOnARoster("token", STUDENT)
                        .await()
                        .atMost(PATIENT))
                .isInstanceOfSatisfying(
                        HttpProblem.class, p -> assertThat(p.getStatusCode()).isEqualTo(503));
    }
}
