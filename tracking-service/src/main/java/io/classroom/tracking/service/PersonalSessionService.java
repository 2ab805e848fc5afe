package io.classroom.tracking.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.tracking.PersonalReport;
import io.classroom.tracking.PersonalSession;
import io.classroom.tracking.config.TrackingConfig;
import io.classroom.tracking.error.Problems;
import io.classroom.tracking.messaging.Outbox;
import io.classroom.tracking.messaging.OutboxRelay;
import io.classroom.tracking.messaging.PersonalSessionEvent;
import io.classroom.tracking.repository.ClassSessionMemberRepository;
import io.classroom.tracking.repository.PersonalSessionRepository;
import io.classroom.tracking.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Personal focus-tracking sessions: start, pause, resume, end, reported activities, the final report. */
@ApplicationScoped
public class PersonalSessionService {

    private static final TypeReference<List<PersonalReport.Span>> SPANS = new TypeReference<>() {};
    private static final TypeReference<List<PersonalReport.Reported>> REPORTED = new TypeReference<>() {};
    private static final TypeReference<Map<String, Long>> ACTIVITIES = new TypeReference<>() {};

    private final PersonalSessionRepository sessions;
    private final ClassSessionMemberRepository members;
    private final LiveStateStore store;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final TrackingConfig config;

    public PersonalSessionService(
            PersonalSessionRepository sessions,
            ClassSessionMemberRepository members,
            LiveStateStore store,
            Outbox outbox,
            OutboxRelay relay,
            ObjectMapper json,
            TrackingConfig config) {
        this.sessions = sessions;
        this.members = members;
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
        this.config = config;
    }

    /**
     * Starts a session of the caller for an application ({@code app}, validated by the caller's layer); a user deleted
     * while their access token still lives may not (401).
     */
    public Uni<PersonalSession> start(Caller caller, String app, String title, Instant startedAt) {
        return store.isDeleted(caller.tenantId(), caller.userId().toString()).chain(deleted -> {
            if (deleted) {
                return Uni.createFrom().failure(new NotAuthorizedException("The account no longer exists", "Bearer"));
            }
            return create(caller, app, title, startedAt);
        });
    }

    private Uni<PersonalSession> create(Caller caller, String app, String title, Instant startedAt) {
        var session = new PersonalSession();
        session.id = UUID.randomUUID();
        session.tenantId = caller.tenantId();
        session.userId = caller.userId();
        session.app = app;
        session.title = title;
        session.status = PersonalSession.Status.ACTIVE;
        session.startedAt = startedAt;
        session.lastTransitionAt = startedAt;
        session.pausesJson = "[]";
        session.reportedJson = "[]";
        return Panache.withTransaction(() -> sessions.persist(session)
                        .call(() -> announce(PersonalSessionEvent.Started.of(session, startedAt))))
                .invoke(relay::relaySoon)
                .call(() -> live(session));
    }

    /** Tells the live state the session's start, pauses and status, so frames taken while paused are ignored. */
    private Uni<Void> live(PersonalSession session) {
        return store.savePersonalSession(
                session.id.toString(),
                session.tenantId,
                session.userId.toString(),
                session.startedAt.toEpochMilli(),
                pauses(session),
                session.status.name());
    }

    /**
     * A session the caller may read: their own, or any of their tenant's for an admin. Anyone else's (or another
     * tenant's) is not found, so its existence does not leak.
     */
    public Uni<PersonalSession> visible(Caller caller, UUID id) {
        return sessions.findInTenant(caller.tenantId(), id).map(session -> {
            if (session == null || !(caller.isAdmin() || session.userId.equals(caller.userId()))) {
                throw Problems.notFound("Personal session " + id);
            }
            return session;
        });
    }

    /** A session the caller may change: only its owner; an admin sees it but may not change it (403). */
    private Uni<PersonalSession> owned(Caller caller, UUID id) {
        return visible(caller, id).invoke(session -> {
            if (!session.userId.equals(caller.userId())) {
                throw Problems.forbidden("Only its owner may change personal session " + id);
            }
        });
    }

    public Uni<PersonalSession> pause(Caller caller, UUID id, Instant at) {
        return Panache.withTransaction(() -> owned(caller, id)
                        .invoke(session -> {
                            requireStatus(session, PersonalSession.Status.ACTIVE, "pause");
                            requireNotBefore(session, at);
                            var pauses = pauses(session);
                            pauses.add(new PersonalReport.Span(at.toEpochMilli(), null));
                            session.pausesJson = write(pauses);
                            session.status = PersonalSession.Status.PAUSED;
                            session.lastTransitionAt = at;
                        })
                        .call(session -> announce(PersonalSessionEvent.Paused.of(session, at))))
                .invoke(relay::relaySoon)
                .call(this::live);
    }

    public Uni<PersonalSession> resume(Caller caller, UUID id, Instant at) {
        return Panache.withTransaction(() -> owned(caller, id)
                        .invoke(session -> {
                            requireStatus(session, PersonalSession.Status.PAUSED, "resume");
                            requireNotBefore(session, at);
                            closePause(session, at);
                            session.status = PersonalSession.Status.ACTIVE;
                            session.lastTransitionAt = at;
                        })
                        .call(session -> announce(PersonalSessionEvent.Resumed.of(session, at))))
                .invoke(relay::relaySoon)
                .call(this::live);
    }

    public Uni<PersonalSession> end(Caller caller, UUID id, Instant at) {
        return Panache.withTransaction(() -> owned(caller, id)
                        .invoke(session -> {
                            if (session.status == PersonalSession.Status.ENDED) {
                                throw Problems.conflict("Personal session " + id + " has already ended");
                            }
                            requireNotBefore(session, at);
                        })
                        .chain(session -> store.timeline(session.id.toString()).map(timeline -> {
                            if (session.status == PersonalSession.Status.PAUSED) {
                                closePause(session, at);
                            }
                            var report = PersonalReport.compute(
                                    session.startedAt.toEpochMilli(),
                                    at.toEpochMilli(),
                                    pauses(session),
                                    timeline,
                                    reported(session),
                                    config.gapTolerance().toMillis());
                            session.status = PersonalSession.Status.ENDED;
                            session.endedAt = at;
                            session.lastTransitionAt = at;
                            session.activeSeconds = report.activeSeconds();
                            session.focusSeconds = report.focusSeconds();
                            session.distractionSeconds = report.distractionSeconds();
                            session.activitiesJson = write(report.activities());
                            session.activitySource = report.source();
                            return session;
                        }))
                        .call(session -> announce(PersonalSessionEvent.Ended.of(session, activities(session)))))
                .invoke(relay::relaySoon)
                .call(session -> store.dropPersonalSession(session.id.toString()));
    }

    /**
     * Appends client-reported activity changes; each must fall inside the session. The latest becomes the live feed's
     * current activity.
     */
    public Uni<PersonalSession> reportActivities(Caller caller, UUID id, List<PersonalReport.Reported> changes) {
        return Panache.withTransaction(() -> owned(caller, id).invoke(session -> {
                    if (session.status == PersonalSession.Status.ENDED) {
                        throw Problems.conflict("Personal session " + id + " has already ended");
                    }
                    for (int i = 0; i < changes.size(); i++) {
                        if (changes.get(i).at() < session.startedAt.toEpochMilli()) {
                            throw Problems.badRequest("activities[" + i + "].at is before the session started");
                        }
                    }
                    var all = reported(session);
                    all.addAll(changes);
                    session.reportedJson = write(all);
                }))
                .call(session -> store.saveReportedActivity(
                        session.id.toString(),
                        reported(session).stream()
                                .max(Comparator.comparingLong(PersonalReport.Reported::at))
                                .orElseThrow()));
    }

    /**
     * A user's personal sessions of one application, newest first: the caller's own (no {@code userId}, or their
     * own); any user's of the tenant for an admin; a student's for a teacher who taught a class session with that
     * student on its roster (tracking's durable rosters, {@link ClassSessionMemberRepository}), else not found
     * (404: whether the student exists does not leak). Students may list only their own (403).
     */
    public Uni<List<PersonalSession>> ofUser(Caller caller, UUID userId, String app) {
        if (userId == null || userId.equals(caller.userId()) || caller.isAdmin()) {
            UUID owner = userId == null ? caller.userId() : userId;
            return sessions.listByOwner(caller.tenantId(), owner, app);
        }
        if (!caller.isTeacherOrAdmin()) {
            return Uni.createFrom().failure(Problems.forbidden("Students may list only their own personal sessions"));
        }
        return members.taughtBy(caller.tenantId(), userId, caller.userId())
                .chain(taught -> taught
                        ? sessions.listByOwner(caller.tenantId(), userId, app)
                        : Uni.createFrom()
                                .failure(Problems.notFound(
                                        "User " + userId + " (a student on a roster of the caller's)")));
    }

    /** Every personal session of one application of the caller's tenant: admins only (a tenant-wide listing). */
    public Uni<List<PersonalSession>> tenant(Caller caller, String app) {
        if (!caller.isAdmin()) {
            return Uni.createFrom().failure(Problems.forbidden("Only admins may list the tenant's personal sessions"));
        }
        return sessions.listByTenant(caller.tenantId(), app);
    }

    /** Active seconds so far (stored once ended). */
    public long activeSeconds(PersonalSession session, Instant now) {
        if (session.status == PersonalSession.Status.ENDED) {
            return session.activeSeconds;
        }
        long end = Math.max(now.toEpochMilli(), session.startedAt.toEpochMilli());
        long ms = 0;
        for (var window : PersonalReport.activeWindows(session.startedAt.toEpochMilli(), end, pauses(session))) {
            ms += window[1] - window[0];
        }
        return ms / 1000;
    }

    public List<PersonalReport.Span> pauses(PersonalSession session) {
        return new ArrayList<>(read(session.pausesJson, SPANS));
    }

    public List<PersonalReport.Reported> reported(PersonalSession session) {
        return new ArrayList<>(read(session.reportedJson, REPORTED));
    }

    public Map<String, Long> activities(PersonalSession session) {
        return session.activitiesJson == null ? new TreeMap<>() : read(session.activitiesJson, ACTIVITIES);
    }

    /** Inside the change's transaction: the event is published after the commit. */
    private Uni<Void> announce(PersonalSessionEvent event) {
        return outbox.add(PersonalSessionEvent.TOPIC, event.userId().toString(), event);
    }

    private void closePause(PersonalSession session, Instant at) {
        var pauses = pauses(session);
        var last = pauses.remove(pauses.size() - 1);
        pauses.add(new PersonalReport.Span(last.from(), at.toEpochMilli()));
        session.pausesJson = write(pauses);
    }

    private static void requireStatus(PersonalSession session, PersonalSession.Status expected, String action) {
        if (session.status != expected) {
            throw Problems.conflict(
                    "Cannot " + action + " personal session " + session.id + " while it is " + session.status);
        }
    }

    private static void requireNotBefore(PersonalSession session, Instant at) {
        if (at.isBefore(session.lastTransitionAt)) {
            throw Problems.badRequest("at must not be before " + session.lastTransitionAt + " (the last change)");
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value == null ? "[]" : value, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
