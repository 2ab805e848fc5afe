package io.classroom.vision.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only stand-in for classroom-service, which does not run in this module's tests: the real {@link ClassroomClient}
 * logic (forwarding the caller's token, the timeout, a failure refused as 503, {@code total > 0}) runs unchanged over
 * a fake {@link ClassroomApi} that answers from the rosters a test declares. The HTTP call itself, against the real
 * classroom-service and its {@code ?student=} filter, is covered by the end-to-end security check
 * ({@code deploy/local/stack test}), not here.
 *
 * <p>Like classroom-service, the fake answers from the caller's own token: a teacher's classes are those whose roster a
 * test gave them ({@link #teaches}); a missing or unreadable token answers 401.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClassrooms extends ClassroomClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<UUID, Set<UUID>> STUDENTS_BY_TEACHER = new ConcurrentHashMap<>();
    private static final Set<UUID> UNREACHABLE_FOR = ConcurrentHashMap.newKeySet();

    public TestClassrooms() {
        super(TestClassrooms::classesWithStudent, Duration.ofSeconds(30));
    }

    /** {@code student} is on the roster of one of {@code teacher}'s classes. */
    public static void teaches(UUID teacher, UUID student) {
        STUDENTS_BY_TEACHER
                .computeIfAbsent(teacher, t -> ConcurrentHashMap.newKeySet())
                .add(student);
    }

    /** Asking about {@code student} fails as if classroom-service were down. */
    public static void unreachableFor(UUID student) {
        UNREACHABLE_FOR.add(student);
    }

    private static Uni<ClassPage> classesWithStudent(String authorization, UUID student, int size) {
        if (UNREACHABLE_FOR.contains(student)) {
            return Uni.createFrom().failure(new ConnectException("Connection refused: classroom-service"));
        }
        if (size != 1) {
            return Uni.createFrom().failure(new IllegalArgumentException("the check asks for one class, got " + size));
        }
        var caller = subject(authorization);
        if (caller == null) {
            return Uni.createFrom().failure(new IllegalStateException("401 from classroom-service: no bearer token"));
        }
        var students = STUDENTS_BY_TEACHER.getOrDefault(caller, Set.of());
        return Uni.createFrom().item(new ClassPage(students.contains(student) ? 1 : 0));
    }

    /** The {@code sub} of a bearer token (already verified by the service under test), or null. */
    private static UUID subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        var parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            var claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return UUID.fromString(claims.path("sub").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
