package io.classroom.classroom.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Periodic work. Safe with several replicas: ending is a conditional update (one replica wins) and a re-sent event
 * keeps its event id.
 */
@ApplicationScoped
public class SessionJobs {

    private final ClassSessionService sessions;

    public SessionJobs(ClassSessionService sessions) {
        this.sessions = sessions;
    }

    @Scheduled(
            identity = "auto-end-sessions",
            every = "${classroom.sessions.auto-end-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> autoEnd() {
        return sessions.endOverdueSessions()
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("Ended %d overdue session(s)", n);
                    }
                })
                .replaceWithVoid();
    }

    @Scheduled(
            identity = "publish-unsent-session-events",
            every = "${classroom.sessions.outbox-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publishUnsent() {
        return sessions.publishUnsent()
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("Published the pending events of %d session(s)", n);
                    }
                })
                .replaceWithVoid();
    }
}
