package io.classroom.analytics.service;

import io.classroom.analytics.repository.PageViewRepository;
import io.classroom.analytics.repository.SessionRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Upgrade from the version without applications: its page views and personal sessions were all the classroom web
 * app's, and every read now filters by application, so at start those without one get {@code classroom-web} (one
 * update per collection; replicas starting together change each document once).
 */
@ApplicationScoped
public class DefaultApps {

    private final PageViewRepository pageViews;
    private final SessionRepository sessions;

    public DefaultApps(PageViewRepository pageViews, SessionRepository sessions) {
        this.pageViews = pageViews;
        this.sessions = sessions;
    }

    void onStart(@Observes StartupEvent event) {
        long views = pageViews.assignDefaultApp().await().atMost(Duration.ofSeconds(60));
        long personal = sessions.assignDefaultApp().await().atMost(Duration.ofSeconds(60));
        if (views + personal > 0) {
            Log.infof(
                    "Gave %d page view(s) and %d personal session(s) of the previous version their application",
                    views, personal);
        }
    }
}
