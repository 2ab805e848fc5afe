package io.classroom.classroom.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Periodic work. Safe with several replicas: ending is a conditional update, so one replica wins. */
@ApplicationScoped
public class SessionJobs {

    private final ClassSessionService sessions;

    public SessionJobs(ClassSessionService sessions) {
        this.sessions = sessions;
    }

    @Scheduled(
            identity = "auto-end-sessions",
            every = "${classroom.sessions.auto-end-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> autoEnd() {
        return sessions.endOverdueSessions()
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("Ended %d overdue session(s)", n);
                    }
                })
                .replaceWithVoid();
    }
}
