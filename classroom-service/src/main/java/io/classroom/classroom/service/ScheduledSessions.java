package io.classroom.classroom.service;

import io.classroom.classroom.Occurrence;
import io.classroom.classroom.Schedule;
import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts and ends the sessions of classes with schedule days, by themselves. Each class carries the start of the
 * occurrence it is due at next ({@code nextOccurrenceAt}, indexed); a tick starts every class whose occurrence has
 * started and not yet ended, through the activation path of a start by hand, and ends scheduled sessions at their
 * planned end.
 *
 * <p>Exactly once with several replicas and across restarts: the conditional update that claims the class for the
 * session also records the occurrence as taken ({@link io.classroom.classroom.OccurrenceClaim}), so a second replica
 * or tick finds it taken and stores nothing; a session, once started, serves its occurrence even after a manual end.
 * A session started by hand that runs during the occurrence serves it too. A start refused (a camera held by another
 * session, the class busy) is logged and tried again on every tick until the occurrence ends.
 */
@ApplicationScoped
public class ScheduledSessions {

    private final ClassRepository classes;
    private final ClassSessionRepository sessions;
    private final ClassSessionService activation;
    private final Clock clock;

    public ScheduledSessions(
            ClassRepository classes, ClassSessionRepository sessions, ClassSessionService activation, Clock clock) {
        this.classes = classes;
        this.sessions = sessions;
        this.activation = activation;
        this.clock = clock;
    }

    /** The start of the first occurrence of {@code schedule} that ends after {@code t}; null without days. */
    static Instant firstStartEndingAfter(Schedule schedule, Instant t) {
        return firstEndingAfter(schedule, t).map(Occurrence::start).orElse(null);
    }

    /** Classes stored before the scheduler existed get their next occurrence at start. */
    void onStart(@Observes StartupEvent event) {
        int scheduled = schedulePreviousClasses().await().atMost(Duration.ofSeconds(60));
        if (scheduled > 0) {
            Log.infof("Scheduled %d class(es) stored before the scheduler existed", scheduled);
        }
    }

    Uni<Integer> schedulePreviousClasses() {
        var now = clock.now();
        return classes.unscheduled()
                .onItem()
                .transformToUniAndConcatenate(c -> {
                    var next = firstStartEndingAfter(c.schedule, now);
                    return next == null
                            ? Uni.createFrom().item(0)
                            : classes.initSchedule(c.tenantId, c.id, next).replaceWith(1);
                })
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    /** Ends the scheduled sessions whose occurrence is over; the item is how many this call ended. */
    public Uni<Integer> endDue() {
        return activation.endScheduledSessions();
    }

    /** Starts every occurrence due now; the item is how many sessions this call started. */
    public Uni<Integer> startDue() {
        var now = clock.now();
        return classes.scheduleDue(now)
                .onItem()
                .transformToUniAndConcatenate(c -> startIfDue(c, now)
                        .onFailure()
                        .recoverWithItem(failure -> {
                            Log.warnf("Scheduled start of class %s failed: %s", c.id, failure.toString());
                            return false;
                        }))
                .collect()
                .with(Collectors.summingInt(started -> started ? 1 : 0));
    }

    private Uni<Boolean> startIfDue(SchoolClass c, Instant now) {
        var found = firstEndingAfter(c.schedule, now);
        if (found.isEmpty()) {
            return classes.advanceSchedule(c.tenantId, c.id, c.nextOccurrenceAt, null)
                    .replaceWith(false);
        }
        var occurrence = found.get();
        if (occurrence.start().isAfter(now)) {
            // The occurrence the class waited for is over: every start was refused, or no replica ran meanwhile.
            if (!taken(c, c.nextOccurrenceAt)) {
                Log.infof("Class %s: the occurrence at %s ended without a session", c.id, c.nextOccurrenceAt);
            }
            return classes.advanceSchedule(c.tenantId, c.id, c.nextOccurrenceAt, occurrence.start())
                    .replaceWith(false);
        }
        if (taken(c, occurrence.start())) {
            var claim = c.occurrenceClaim;
            return sessions.findById(claim.sessionId).chain(session -> {
                if (session != null) {
                    return advancePast(c, occurrence).replaceWith(false);
                }
                if (claim.claimedAt != null && claim.claimedAt.isAfter(now.minus(ClassSessionService.CLAIM_GRACE))) {
                    // Being started by another replica right now.
                    return Uni.createFrom().item(false);
                }
                return start(c, occurrence, claim.sessionId);
            });
        }
        return sessions.findManualDuring(c.tenantId, c.id, occurrence)
                .chain(manual ->
                        manual != null ? advancePast(c, occurrence).replaceWith(false) : start(c, occurrence, null));
    }

    private Uni<Boolean> start(SchoolClass c, Occurrence occurrence, String staleSessionId) {
        return activation
                .activateScheduled(c, occurrence, staleSessionId)
                .call(() -> advancePast(c, occurrence))
                .map(s -> {
                    Log.infof(
                            "Started session %s of class %s for its occurrence at %s", s.id, c.id, occurrence.start());
                    return true;
                })
                .onFailure(HttpProblem.class)
                .recoverWithItem(refusal -> {
                    Log.infof(
                            "Scheduled start of class %s at %s skipped (%s); tried again until %s",
                            c.id, occurrence.start(), ((HttpProblem) refusal).getDetail(), occurrence.end());
                    return false;
                });
    }

    private Uni<Void> advancePast(SchoolClass c, Occurrence occurrence) {
        return classes.advanceSchedule(
                c.tenantId, c.id, c.nextOccurrenceAt, firstStartEndingAfter(c.schedule, occurrence.end()));
    }

    private static boolean taken(SchoolClass c, Instant occurrenceStart) {
        return c.occurrenceClaim != null
                && c.occurrenceClaim.start != null
                && c.occurrenceClaim.start.equals(occurrenceStart);
    }

    /** A schedule that can no longer be read (a zone the runtime dropped) has no occurrences; it is logged. */
    private static Optional<Occurrence> firstEndingAfter(Schedule schedule, Instant t) {
        if (schedule == null) {
            return Optional.empty();
        }
        try {
            return schedule.firstEndingAfter(t);
        } catch (DateTimeException e) {
            Log.warnf("Unreadable schedule (%s): no session is started by it", e.getMessage());
            return Optional.empty();
        }
    }
}
