package io.classroom.classroom.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Periodic work. Safe with several replicas: ending is a conditional update, and a scheduled start takes its
 * occurrence in the same conditional update that claims the class, so one replica wins.
 */
@ApplicationScoped
public class SessionJobs {

    private final ClassSessionService sessions;
    private final ScheduledSessions scheduled;

    public SessionJobs(ClassSessionService sessions, ScheduledSessions scheduled) {
        this.sessions = sessions;
        this.scheduled = scheduled;
    }

    /** Ends the scheduled sessions whose occurrence is over first, so the next occurrence finds its class free. */
    @Scheduled(
            identity = "scheduled-sessions",
            every = "${classroom.sessions.schedule-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> followSchedules() {
        return scheduled
                .endDue()
                .chain(ended -> scheduled.startDue().invoke(started -> {
                    if (ended + started > 0) {
                        Log.infof("Schedules: started %d and ended %d session(s)", started, ended);
                    }
                }))
                .replaceWithVoid();
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
