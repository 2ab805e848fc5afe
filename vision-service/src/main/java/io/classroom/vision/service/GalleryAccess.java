package io.classroom.vision.service;

import io.classroom.vision.client.ClassroomClient;
import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.error.Problems;
import io.classroom.vision.security.Caller;
import io.classroom.vision.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Who may see, enrol and delete a user's faces: an admin of the tenant; a teacher for a student on the roster of one
 * of their classes (classroom-service answers, asked with the teacher's own token); a student for themself: always
 * to see and erase their own faces (their data), to enrol only where the school allows student self-enrolment.
 * Decided before any data is read, so a refusal tells nothing about the gallery: a gallery the caller may not see
 * answers 404 like a missing one, a student's own enrolment in a school without self-enrolment 403.
 */
@ApplicationScoped
public class GalleryAccess {

    private final ClassroomClient classroom;
    private final CurrentCaller current;
    private final List<String> selfEnrolmentTenants;

    public GalleryAccess(ClassroomClient classroom, CurrentCaller current, VisionConfig config) {
        this.classroom = classroom;
        this.current = current;
        this.selfEnrolmentTenants =
                config.gallery().studentSelfEnrolmentTenants().orElse(List.of());
    }

    /** Completes when the caller may see or erase {@code userId}'s faces; fails with 403, 404 or 503 otherwise. */
    public Uni<Void> check(Caller caller, UUID userId) {
        return check(caller, userId, false);
    }

    /** Completes when the caller may enrol faces of {@code userId}; fails with 403, 404 or 503 otherwise. */
    public Uni<Void> checkEnrolment(Caller caller, UUID userId) {
        return check(caller, userId, true);
    }

    private Uni<Void> check(Caller caller, UUID userId, boolean enrolment) {
        return Uni.createFrom().deferred(() -> {
            if (caller.isAdmin()) {
                return Uni.createFrom().voidItem();
            }
            boolean self = caller.userId().equals(userId);
            if (self && caller.isStudent() && (!enrolment || selfEnrolmentTenants.contains(caller.tenantId()))) {
                return Uni.createFrom().voidItem();
            }
            if (caller.isTeacher()) {
                return classroom
                        .hasStudentOnARoster(current.accessToken(), userId)
                        .chain(onRoster -> onRoster ? Uni.createFrom().voidItem() : refuse(userId));
            }
            if (self) {
                return Uni.createFrom()
                        .<Void>failure(Problems.forbidden("this school does not let students manage their own face"));
            }
            return refuse(userId);
        });
    }

    private static Uni<Void> refuse(UUID userId) {
        return Uni.createFrom().failure(Problems.notFound("no faces of user " + userId + " visible to you"));
    }
}
