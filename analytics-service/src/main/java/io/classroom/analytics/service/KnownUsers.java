package io.classroom.analytics.service;

import io.classroom.analytics.error.Problems;
import io.classroom.analytics.repository.PageViewRepository;
import io.classroom.analytics.repository.SessionRepository;
import io.classroom.analytics.repository.UserProfileRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a user id names someone of the caller's tenant, as far as analytics knows them (a profile, a session, a
 * page view): an admin asking about anyone else (another tenant's user, a deleted one) gets 404, never figures.
 */
@ApplicationScoped
public class KnownUsers {

    private final UserProfileRepository users;
    private final SessionRepository sessions;
    private final PageViewRepository pageViews;

    public KnownUsers(UserProfileRepository users, SessionRepository sessions, PageViewRepository pageViews) {
        this.users = users;
        this.sessions = sessions;
        this.pageViews = pageViews;
    }

    public Uni<Void> require(String tenantId, String userId) {
        return users.findById(UserProfileRepository.id(tenantId, userId))
                .chain(profile -> profile != null ? Uni.createFrom().item(true) : sessions.involves(tenantId, userId))
                .chain(known -> known ? Uni.createFrom().item(true) : pageViews.hasViews(tenantId, userId))
                .map(known -> {
                    if (!known) {
                        throw Problems.notFound("No user " + userId + " in this tenant");
                    }
                    return null;
                });
    }
}
