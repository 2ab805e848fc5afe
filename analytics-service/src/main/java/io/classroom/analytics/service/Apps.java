package io.classroom.analytics.service;

import io.classroom.analytics.App;
import io.classroom.analytics.error.Problems;

/** The {@code app} a read asks for: {@link App#DEFAULT} when absent, 400 {@code invalid-app} when malformed. */
public final class Apps {

    private Apps() {}

    public static String requested(String app) {
        if (app == null || app.isBlank()) {
            return App.DEFAULT;
        }
        if (!App.isValid(app)) {
            throw Problems.badRequest("invalid-app", "'app' must match " + App.PATTERN + ": '" + app + "'");
        }
        return app;
    }
}
