package io.classroom.analytics.service;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import io.classroom.analytics.TrackedSession;
import io.classroom.analytics.error.Problems;
import io.classroom.analytics.render.GridChart;
import io.classroom.analytics.repository.SessionRepository;
import io.classroom.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.conversions.Bson;

/**
 * When sessions (personal tracking sessions and class sessions) happen, bucketed in a time zone. Personal sessions
 * count for their application only; class sessions belong to no application and count in every one.
 */
@ApplicationScoped
public class SessionHeatmapService {

    private static final int TOP_DAYS = 5;
    private static final int TOP_HOURS = 3;

    private final SessionRepository sessions;
    private final KnownUsers known;
    private final Ranges ranges;

    public SessionHeatmapService(SessionRepository sessions, KnownUsers known, Ranges ranges) {
        this.sessions = sessions;
        this.known = known;
        this.ranges = ranges;
    }

    public Uni<SessionHeatmapView> heatmap(
            Caller caller, String from, String to, String zoneId, String userId, String app) {
        TimeRange range = ranges.range(caller, from, to, zoneId);
        ZoneId zone = range.zone();
        String application = Apps.requested(app);
        Bson ofApp = or(eq("kind", TrackedSession.Kind.CLASS.name()), eq("app", application));
        return scope(caller, userId)
                .chain(scope -> sessions.heatmapRows(and(scope, ofApp), range.from(), range.to()))
                .map(rows -> {
                    var buckets = SessionHeatmap.bucket(
                            rows.quarters(), zone, range.firstDay(), range.lastDay(), TOP_DAYS, TOP_HOURS);
                    double average =
                            rows.endedSessions() == 0 ? 0 : (double) rows.endedSeconds() / rows.endedSessions();
                    var totals = new Totals(buckets.sessions(), rows.distinctUsers(), rows.endedSessions(), average);
                    return new SessionHeatmapView(
                            caller.tenantId(),
                            userId,
                            application,
                            zone.getId(),
                            range.from(),
                            range.to(),
                            buckets.perDay(),
                            buckets.grid(),
                            buckets.mostActiveDays(),
                            totals);
                });
    }

    /**
     * Admins: the tenant (optionally one user of it; anyone else is not found). Teachers: their own sessions and the classes they teach, or one student
     * of theirs in those classes. Students: their own sessions and the classes on whose roster they are.
     */
    private Uni<Bson> scope(Caller caller, String userId) {
        Bson tenant = eq("tenantId", caller.tenantId());
        if (caller.isAdmin()) {
            if (userId == null) {
                return Uni.createFrom().item(tenant);
            }
            return known.require(caller.tenantId(), userId)
                    .replaceWith(and(tenant, or(eq("userIds", userId), eq("ownerId", userId))));
        }
        if (caller.isStudent()) {
            if (userId != null && !userId.equals(caller.userId())) {
                throw Problems.forbidden("Students see their own sessions only");
            }
            return Uni.createFrom().item(and(tenant, eq("userIds", caller.userId())));
        }
        Bson own = or(eq("ownerId", caller.userId()), eq("userIds", caller.userId()));
        if (userId == null || userId.equals(caller.userId())) {
            return Uni.createFrom().item(and(tenant, own));
        }
        return sessions.teachesStudent(caller.tenantId(), caller.userId(), userId)
                .map(teaches -> {
                    if (!teaches) {
                        throw Problems.forbidden("Teachers see the students of their classes only");
                    }
                    return and(tenant, eq("ownerId", caller.userId()), eq("userIds", userId));
                });
    }

    /** The weekday x hour grid as a chart. */
    public static GridChart chart(SessionHeatmapView view) {
        List<String> weekdays = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            weekdays.add(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        }
        List<String> hours = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            hours.add(String.valueOf(hour));
        }
        double[][] values = new double[7][24];
        String[][] text = new String[7][24];
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                values[d][h] = view.weekdayHourGrid()[d][h];
                text[d][h] = view.weekdayHourGrid()[d][h] == 0 ? null : String.valueOf(view.weekdayHourGrid()[d][h]);
            }
        }
        String title = "Sessions by weekday and hour (%s), %s to %s"
                .formatted(
                        view.zone(),
                        view.from().atZone(ZoneId.of(view.zone())).toLocalDate(),
                        view.to().minusNanos(1).atZone(ZoneId.of(view.zone())).toLocalDate());
        return new GridChart(title, weekdays, hours, values, text);
    }

    /** Session counts of a range: per local day, weekday (0 = Monday) x hour grid, busiest days, totals. */
    public record SessionHeatmapView(
            String tenantId,
            String userId,
            String app,
            String zone,
            Instant from,
            Instant to,
            List<SessionHeatmap.DayCount> perDay,
            long[][] weekdayHourGrid,
            List<SessionHeatmap.ActiveDay> mostActiveDays,
            Totals totals) {}

    /** Totals of a range; the average covers ended sessions. */
    public record Totals(long sessions, long distinctUsers, long endedSessions, double averageSessionSeconds) {}
}
