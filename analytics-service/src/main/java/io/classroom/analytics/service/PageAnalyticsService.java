package io.classroom.analytics.service;

import io.classroom.analytics.PageView;
import io.classroom.analytics.error.Problems;
import io.classroom.analytics.repository.DeletedUserRepository;
import io.classroom.analytics.repository.PageViewRepository;
import io.classroom.analytics.repository.PageViewRepository.PageCount;
import io.classroom.analytics.repository.PageViewRepository.Window;
import io.classroom.analytics.repository.SessionRepository;
import io.classroom.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Page views of the web apps and their statistics, each read limited to one application. */
@ApplicationScoped
public class PageAnalyticsService {

    /** Tolerated clock skew for a client-supplied timestamp. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final PageViewRepository pageViews;
    private final SessionRepository sessions;
    private final DeletedUserRepository deleted;
    private final KnownUsers known;

    public PageAnalyticsService(
            PageViewRepository pageViews, SessionRepository sessions, DeletedUserRepository deleted, KnownUsers known) {
        this.pageViews = pageViews;
        this.sessions = sessions;
        this.deleted = deleted;
        this.known = known;
    }

    /**
     * Stores a view of the caller in {@code app} (null: {@link io.classroom.analytics.App#DEFAULT}); a user deleted
     * while their access token still lives may not (401).
     */
    public Uni<PageView> track(Caller caller, String app, String page, long timeSpentSeconds, Instant timestamp) {
        Instant now = Instant.now();
        if (timestamp != null && timestamp.isAfter(now.plus(SKEW))) {
            throw Problems.badRequest("invalid-date", "'timestamp' lies in the future");
        }
        return deleted.pseudonyms(caller.tenantId(), List.of(caller.userId())).chain(pseudonyms -> {
            if (!pseudonyms.isEmpty()) {
                return Uni.createFrom().failure(new NotAuthorizedException("The account no longer exists", "Bearer"));
            }
            return store(caller, Apps.requested(app), page, timeSpentSeconds, timestamp == null ? now : timestamp);
        });
    }

    private Uni<PageView> store(Caller caller, String app, String page, long timeSpentSeconds, Instant at) {
        var view = new PageView();
        view.tenantId = caller.tenantId();
        view.userId = caller.userId();
        view.app = app;
        view.page = page;
        view.timeSpentSeconds = timeSpentSeconds;
        view.at = at;
        return pageViews.persist(view);
    }

    /**
     * Per-page visits and time of one application over the last 24 h, 7 d, 30 d, all time and {@code range} (the
     * requested one, by default the last 30 days); each window's page list is paginated.
     */
    public Uni<PageStats> stats(Caller caller, String userId, String app, TimeRange range, PageRequest pageRequest) {
        String application = Apps.requested(app);
        return scopeUser(caller, userId).chain(user -> {
            Instant now = Instant.now();
            Map<String, Window> windows = new LinkedHashMap<>();
            windows.put("last24h", new Window(now.minus(Duration.ofHours(24)), null));
            windows.put("last7d", new Window(now.minus(Duration.ofDays(7)), null));
            windows.put("last30d", new Window(now.minus(Duration.ofDays(30)), null));
            windows.put("allTime", new Window(null, null));
            windows.put("range", new Window(range.from(), range.to()));
            return pageViews
                    .statsByWindow(caller.tenantId(), application, user, windows)
                    .map(byWindow -> {
                        List<WindowStats> result = new ArrayList<>();
                        byWindow.forEach(
                                (name, counts) -> result.add(window(name, windows.get(name), counts, pageRequest)));
                        return new PageStats(caller.tenantId(), user, application, now, result);
                    });
        });
    }

    /**
     * Students see only themselves; teachers themselves (by default) or students they teach; admins anyone of the
     * tenant, and the tenant as a whole (no {@code userId}): tenant-wide statistics are for admins only.
     */
    private Uni<String> scopeUser(Caller caller, String userId) {
        if (!caller.isAdmin() && userId == null) {
            return Uni.createFrom().item(caller.userId());
        }
        if (caller.isStudent()) {
            if (userId != null && !userId.equals(caller.userId())) {
                throw Problems.forbidden("Students see their own statistics only");
            }
            return Uni.createFrom().item(caller.userId());
        }
        if (caller.isTeacher() && userId != null && !userId.equals(caller.userId())) {
            return sessions.teachesStudent(caller.tenantId(), caller.userId(), userId)
                    .map(teaches -> {
                        if (!teaches) {
                            throw Problems.forbidden("Teachers see the students of their classes only");
                        }
                        return userId;
                    });
        }
        if (userId != null && !userId.equals(caller.userId())) {
            return known.require(caller.tenantId(), userId).replaceWith(userId);
        }
        return Uni.createFrom().item(userId);
    }

    private static WindowStats window(String name, Window bounds, List<PageCount> counts, PageRequest pageRequest) {
        long views = 0;
        long seconds = 0;
        List<PageStat> pages = new ArrayList<>(counts.size());
        for (PageCount count : counts) {
            views += count.views();
            seconds += count.seconds();
            pages.add(new PageStat(
                    count.page(),
                    count.views(),
                    count.seconds(),
                    count.views() == 0 ? 0 : (double) count.seconds() / count.views()));
        }
        return new WindowStats(name, bounds.start(), bounds.end(), views, seconds, pageRequest.slice(pages));
    }

    /** Statistics of one tenant (and optionally one user) in one application, per time window. */
    public record PageStats(
            String tenantId, String userId, String app, Instant generatedAt, List<WindowStats> windows) {}

    /**
     * One window {@code [since, until)} (null: open; the rolling windows end now): totals and a page of the per-page
     * rows, most visited first.
     */
    public record WindowStats(
            String window,
            Instant since,
            Instant until,
            long views,
            long timeSpentSeconds,
            PageRequest.Paged<PageStat> pages) {}

    /** Visits and time of one page. */
    public record PageStat(String page, long views, long timeSpentSeconds, double averageSeconds) {}
}
